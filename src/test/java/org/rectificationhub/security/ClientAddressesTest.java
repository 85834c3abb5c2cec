package org.rectificationhub.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressesTest {

    private final ClientAddresses behindProxies = new ClientAddresses("10.9.0.0/24, 10.8.0.7", "X-Forwarded-For");

    private static MockHttpServletRequest from(String address, String header, String... values) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(address);
        for (String value : values) {
            request.addHeader(header, value);
        }
        return request;
    }

    @Test
    void aTrustedProxysForwardedAddressNamesTheClient() {
        assertThat(behindProxies.of(from("10.9.0.1", "X-Forwarded-For", "198.51.100.1"))).isEqualTo("198.51.100.1");
    }

    @Test
    void anUntrustedSourcesForwardedHeaderIsIgnored() {
        assertThat(behindProxies.of(from("203.0.113.9", "X-Forwarded-For", "198.51.100.1")))
                .isEqualTo("203.0.113.9");
        assertThat(new ClientAddresses("", "X-Forwarded-For").of(from("10.9.0.1", "X-Forwarded-For",
                "198.51.100.1"))).as("no proxy configured").isEqualTo("10.9.0.1");
    }

    @Test
    void whatAClientWroteLeftOfTheProxysEntryIsNeverReached() {
        // the client sent "X-Forwarded-For: 10.8.0.7, 192.0.2.1" hoping to pass as a proxy or as 192.0.2.1
        assertThat(behindProxies.of(from("10.9.0.1", "X-Forwarded-For", "192.0.2.1, 10.8.0.7, 198.51.100.1")))
                .isEqualTo("198.51.100.1");
        assertThat(behindProxies.of(from("10.9.0.1", "X-Forwarded-For", "192.0.2.1", "198.51.100.1")))
                .as("the header over two lines").isEqualTo("198.51.100.1");
    }

    @Test
    void aChainOfTrustedProxiesIsWalkedToTheFirstUntrustedHop() {
        assertThat(behindProxies.of(from("10.9.0.1", "X-Forwarded-For", "192.0.2.1, 198.51.100.1, 10.8.0.7")))
                .isEqualTo("198.51.100.1");
        assertThat(behindProxies.of(from("10.9.0.1", "X-Forwarded-For", "10.8.0.7"))).as("all proxies")
                .isEqualTo("10.8.0.7");
        assertThat(behindProxies.of(from("10.9.0.1", "Other", "x"))).as("no header").isEqualTo("10.9.0.1");
    }

    @Test
    void theRfc7239ForwardedHeaderIsReadWhenThatIsTheOneTheProxyWrites() {
        ClientAddresses forwarded = new ClientAddresses("10.9.0.0/24", "Forwarded");
        assertThat(forwarded.of(from("10.9.0.1", "Forwarded", "for=192.0.2.1, for=\"[2001:db8:cafe::17]:4711\";"
                + "proto=https"))).isEqualTo("2001:db8:cafe::17");
        assertThat(forwarded.of(from("10.9.0.1", "Forwarded", "for=198.51.100.1:8443;by=10.9.0.1")))
                .isEqualTo("198.51.100.1");
        assertThat(forwarded.of(from("10.9.0.1", "X-Forwarded-For", "198.51.100.1"))).as("the other header")
                .isEqualTo("10.9.0.1");
    }

    @Test
    void aHopThatIsNoAddressIsNamedHarmlesslyAndNeverLookedUp() {
        assertThat(behindProxies.of(from("10.9.0.1", "X-Forwarded-For", "evil.example/x y"))).isEqualTo(
                "unparsed:evil.example?x?y");
        assertThat(behindProxies.of(from("10.9.0.1", "X-Forwarded-For", "999.1.1.1")))
                .isEqualTo("unparsed:999.1.1.1");
    }

    @Test
    void aTrustedProxyThatIsNoAddressIsRefusedAtStart() {
        assertThatThrownBy(() -> new ClientAddresses("proxy.example", "X-Forwarded-For"))
                .hasMessageContaining("HUB_TRUSTED_PROXIES: 'proxy.example' is not an IP address or CIDR");
        assertThatThrownBy(() -> new ClientAddresses("", "X-Real-IP"))
                .hasMessageContaining("HUB_CLIENT_ADDRESS_HEADER");
    }
}
