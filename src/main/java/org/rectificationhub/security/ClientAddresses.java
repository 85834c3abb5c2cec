package org.rectificationhub.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The client a request comes from, as the login throttle and the security log name it: the connecting address, or,
 * when that is one of the configured reverse proxies (HUB_TRUSTED_PROXIES, addresses or CIDRs), the address the
 * proxies forwarded in the one header they write (X-Forwarded-For, or RFC 7239 Forwarded). The header is read from
 * its right end, where the nearest proxy appended what it saw, past the trusted proxies: what a client wrote into it
 * is further left and never reached. Nobody trusted, the headers are ignored.
 */
final class ClientAddresses {

    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(?!$)|$)){4}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");
    private static final int MAX_HOPS = 20;

    private final List<IpAddressMatcher> proxies;
    private final String header;

    /**
     * @param trustedProxies addresses and CIDRs, comma-separated; empty: none
     * @param header         X-Forwarded-For or Forwarded: the one the proxies write
     */
    ClientAddresses(String trustedProxies, String header) {
        List<IpAddressMatcher> matchers = new ArrayList<>();
        for (String proxy : trustedProxies.split(",")) {
            String cidr = proxy.strip();
            if (!cidr.isEmpty()) {
                String address = cidr.contains("/") ? cidr.substring(0, cidr.indexOf('/')) : cidr;
                if (!isAddress(address)) {
                    throw new IllegalArgumentException("HUB_TRUSTED_PROXIES: '" + cidr + "' is not an IP address or"
                            + " CIDR (e.g. 10.0.0.5 or 172.18.0.0/16)");
                }
                matchers.add(new IpAddressMatcher(cidr));
            }
        }
        this.proxies = List.copyOf(matchers);
        String name = header.strip().toLowerCase(Locale.ROOT);
        if (!name.equals("x-forwarded-for") && !name.equals("forwarded")) {
            throw new IllegalArgumentException("HUB_CLIENT_ADDRESS_HEADER: '" + header + "'; expected"
                    + " X-Forwarded-For or Forwarded");
        }
        this.header = name;
    }

    String of(HttpServletRequest request) {
        String client = request.getRemoteAddr();
        if (!trusted(client)) {
            return client;
        }
        List<String> hops = hops(request);
        // right to left: each hop was written by the proxy to its right, trusted so far
        for (int i = hops.size() - 1; i >= 0 && i >= hops.size() - MAX_HOPS; i--) {
            client = hops.get(i);
            if (!trusted(client)) {
                return client;
            }
        }
        return client;
    }

    private boolean trusted(String address) {
        try {
            return isAddress(address) && proxies.stream().anyMatch(proxy -> proxy.matches(address));
        } catch (IllegalArgumentException notAnAddress) { // looks like IPv6 but is none: Java parsed, never looked up
            return false;
        }
    }

    private List<String> hops(HttpServletRequest request) {
        List<String> hops = new ArrayList<>();
        for (String line : Collections.list(request.getHeaders(header))) {
            for (String element : line.split(",")) {
                String hop = header.equals("forwarded") ? forwardedFor(element) : element.strip();
                // what a trusted proxy wrote is an address; anything else is named as it is, made harmless to log
                hops.add(isAddress(hop) ? hop : "unparsed:" + hop.replaceAll("[^0-9A-Za-z.:_-]", "?")
                        .substring(0, Math.min(hop.length(), 64)));
            }
        }
        return hops;
    }

    /** The {@code for=} of one Forwarded element, without quotes, brackets or port. */
    private static String forwardedFor(String element) {
        for (String pair : element.split(";")) {
            String[] parts = pair.strip().split("=", 2);
            if (parts.length == 2 && parts[0].strip().equalsIgnoreCase("for")) {
                String value = parts[1].strip().replace("\"", "");
                if (value.startsWith("[")) {
                    return value.substring(1, value.indexOf(']') > 0 ? value.indexOf(']') : value.length());
                }
                return value.indexOf(':') == value.lastIndexOf(':') && value.contains(":")
                        ? value.substring(0, value.indexOf(':')) : value;
            }
        }
        return "";
    }

    /** A literal address only: a host name would be looked up in DNS. */
    private static boolean isAddress(String text) {
        return text != null && text.length() <= 45 && (IPV4.matcher(text).matches() || IPV6.matcher(text).matches());
    }
}
