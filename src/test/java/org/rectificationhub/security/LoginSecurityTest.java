package org.rectificationhub.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The HTTP side as callers meet it: operators, the metrics scraper, anonymous callers and password guessers, directly
 * and behind the trusted reverse proxy; scripts with HTTP Basic and browser sessions with their CSRF token.
 */
@SpringBootTest
@AutoConfigureMockMvc
@AutoConfigureMetrics
@ExtendWith(OutputCaptureExtension.class)
class LoginSecurityTest {

    static final HubFolders hub = HubFolders.create();
    static final String METRICS_PASSWORD = "test-metrics-password";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
        registry.add("hub.metrics.password", () -> METRICS_PASSWORD);
        registry.add("hub.trusted-proxies", () -> PROXIES);
        // Several tests here guess at the operator's account within one window: its own limit is NamedAccountsTest's.
        registry.add("hub.login.account-max-failures", () -> "1000");
    }

    /** The reverse proxy's network: the only source whose X-Forwarded-For is believed. */
    static final String PROXIES = "10.9.0.0/24";

    @Autowired
    MockMvc mvc;

    /** A request as it arrives from a remote address: each test guesses from its own. */
    private static MockHttpServletRequestBuilder from(String address, String path) {
        return get(path).with(request -> {
            request.setRemoteAddr(address);
            return request;
        });
    }

    /** A request as the reverse proxy passes it on from a client. */
    private static MockHttpServletRequestBuilder viaProxy(String client, MockHttpServletRequestBuilder request) {
        return request.header("X-Forwarded-For", client).with(r -> {
            r.setRemoteAddr("10.9.0.1");
            return r;
        });
    }

    private MockHttpSession consoleSession(String address) throws Exception {
        MvcResult login = mvc.perform(post("/ops/login").param("username", "operator")
                .param("password", HubFolders.OPERATOR_PASSWORD).with(csrf()).with(r -> {
                    r.setRemoteAddr(address);
                    return r;
                })).andReturn();
        assertThat(login.getResponse().getRedirectedUrl()).isEqualTo("/ops/");
        return (MockHttpSession) login.getRequest().getSession(false);
    }

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    private JsonNode json(MockHttpServletRequestBuilder request) throws Exception {
        return new ObjectMapper().readTree(mvc.perform(request).andReturn().getResponse().getContentAsString());
    }

    /** Health is DOWN until every consumer has polled once (Camel's readiness): the tests start from a ready hub. */
    @BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(30)).until(() -> status(get("/actuator/health")) == 200);
    }

    @Test
    void tooManyWrongPasswordsFromOneAddressAreAnswered429EvenWithTheRightPassword() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(status(from("10.0.0.1", "/api/rounds").with(httpBasic("operator", "guess-" + i))))
                    .isEqualTo(401);
        }
        MvcResult refused = mvc.perform(from("10.0.0.1", "/api/rounds")
                .with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD))).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(refused.getResponse().getHeader("Retry-After"))).isBetween(290L, 300L);

        assertThat(status(from("10.0.0.2", "/api/rounds").with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD))))
                .as("another address").isEqualTo(200);
        assertThat(status(from("10.0.0.1", "/actuator/health"))).as("health without credentials").isEqualTo(200);
    }

    @Test
    void tenWrongPasswordsFromOneClientBehindTheProxyDoNotStopTheOperatorAtAnotherClient() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(status(viaProxy("198.51.100.1", get("/api/rounds")).with(httpBasic("operator", "guess-" + i))))
                    .isEqualTo(401);
        }

        assertThat(status(viaProxy("198.51.100.2", get("/api/rounds"))
                .with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD)))).as("the operator elsewhere").isEqualTo(200);
        assertThat(status(viaProxy("198.51.100.1", get("/api/rounds"))
                .with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD)))).as("the guesser").isEqualTo(429);
        MvcResult form = mvc.perform(viaProxy("198.51.100.3", post("/ops/login")).param("username", "operator")
                .param("password", HubFolders.OPERATOR_PASSWORD).with(csrf())).andReturn();
        assertThat(form.getResponse().getRedirectedUrl()).as("the console's form elsewhere").isEqualTo("/ops/");
    }

    @Test
    void anUntrustedSourcesForwardedAddressIsIgnoredSoItCannotDodgeTheThrottle() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(status(from("203.0.113.9", "/api/rounds").header("X-Forwarded-For", "192.0.2." + i)
                    .with(httpBasic("operator", "guess-" + i)))).isEqualTo(401);
        }

        assertThat(status(from("203.0.113.9", "/api/rounds").header("X-Forwarded-For", "192.0.2.99")
                .with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD)))).isEqualTo(429);
    }

    @Test
    void aConsoleSessionWithSomeOtherAuthorizationHeaderStillNeedsItsCsrfTokenWhileBasicScriptsDoNot()
            throws Exception {
        MockHttpSession session = consoleSession("10.0.0.20");

        assertThat(status(post("/api/routes/file-inbox/suspend").session(session)
                .header("Authorization", "Bearer x"))).as("session and a bearer header").isEqualTo(403);
        assertThat(status(post("/api/routes/file-inbox/suspend").session(session)
                .with(httpBasic("operator", "not-the-password")))).as("the session does not stand in for Basic")
                .isEqualTo(401);
        assertThat(json(get("/api/routes/file-inbox").session(session)).get("state").asText())
                .as("nothing was suspended").isEqualTo("started");

        assertThat(status(post("/api/routes/file-inbox/suspend")
                .with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD)))).as("a script").isEqualTo(200);
        assertThat(status(post("/api/routes/file-inbox/resume").session(session).with(csrf())))
                .as("the console with its token").isEqualTo(200);
    }

    @Test
    void aFailedLoginIsLoggedWithTheAddressAndTheUserNameQuotedAndBoundedAndCounted(CapturedOutput output)
            throws Exception {
        // a line break would let a caller forge log lines; the name is the caller's text, quoted by its start
        String user = "intruder\nforged line " + "x".repeat(100);
        assertThat(status(from("10.0.0.3", "/api/rounds").with(httpBasic(user, "wrong-password")))).isEqualTo(401);

        assertThat(output.getOut()).contains("failed login for user 'intruder forged line " + "x".repeat(19) + "…'"
                + " (121 characters) from 10.0.0.3").doesNotContain("x".repeat(100));
        String scrape = mvc.perform(get("/actuator/prometheus")
                .with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD))).andReturn().getResponse().getContentAsString();
        assertThat(scrape).containsPattern("hub_security_events_total\\{channel=\"http\",type=\"login-failed\"} [1-9]");
    }

    @Test
    void theMetricsUserReadsThePrometheusScrapeAndNothingElse() throws Exception {
        assertThat(status(get("/actuator/prometheus").with(httpBasic("metrics", METRICS_PASSWORD)))).isEqualTo(200);
        for (String path : new String[] {"/api/rounds", "/api/ledger/verify", "/actuator/metrics", "/actuator/info"}) {
            assertThat(status(get(path).with(httpBasic("metrics", METRICS_PASSWORD)))).as(path).isEqualTo(403);
        }
        assertThat(json(get("/actuator/health").with(httpBasic("metrics", METRICS_PASSWORD))).has("components"))
                .isFalse();
    }

    @Test
    void anonymousCallersSeeHealthsStatusOnlyWhileOperatorsSeeItsComponents() throws Exception {
        JsonNode anonymous = json(get("/actuator/health"));
        assertThat(anonymous.get("status").asText()).isEqualTo("UP");
        assertThat(anonymous.size()).as("nothing but the status: " + anonymous).isEqualTo(1);
        assertThat(status(get("/actuator/health/db"))).isEqualTo(404);

        JsonNode operator = json(get("/actuator/health").with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD)));
        assertThat(operator.at("/components/db/details/database").asText()).isEqualTo("H2");
        assertThat(operator.at("/components/camelHealth/details").toString()).contains("file-inbox");
    }

    @Test
    void scriptsPostToTheApiWithBasicButABrowserSessionNeedsItsCsrfToken() throws Exception {
        assertThat(status(post("/api/ledger/integrity/clear").param("reason", "a script")
                .with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD)))).isEqualTo(200);
        assertThat(status(post("/api/ledger/integrity/clear").param("reason", "a forged page")
                .with(user("operator").roles("OPERATOR")))).as("session without token").isEqualTo(403);
        assertThat(status(post("/api/ledger/integrity/clear").param("reason", "the console")
                .with(user("operator").roles("OPERATOR")).with(csrf()))).isEqualTo(200);
    }

    @Test
    void infoNeedsTheOperatorLogin() throws Exception {
        assertThat(status(get("/actuator/info"))).isEqualTo(401);
        assertThat(status(get("/actuator/info").with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD))))
                .isEqualTo(200);
    }
}
