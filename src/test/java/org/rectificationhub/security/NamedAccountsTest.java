package org.rectificationhub.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * People sign in as themselves: an operator's account opens the API and the console and the audit log names them,
 * the shared operator login is off once someone has an operator account, a commission member's account reads the
 * commission's feed only, and guessing at one person's password from many clients keeps out only unknown clients.
 */
@SpringBootTest
@AutoConfigureMockMvc
@AutoConfigureMetrics
class NamedAccountsTest {

    static final HubFolders hub = HubFolders.create();
    static final String ALICE = "alice-password-1";
    static final String CAROL = "carol-password-1";
    static final String METRICS_PASSWORD = "test-metrics-password";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
        registry.add("hub.metrics.password", () -> METRICS_PASSWORD);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;

    @BeforeEach
    void people() {
        accounts.set("alice", Role.OPERATOR, ALICE);
        accounts.set("carol", Role.COMMISSION, CAROL);
    }

    private static MockHttpServletRequestBuilder from(String address, MockHttpServletRequestBuilder request) {
        return request.with(r -> {
            r.setRemoteAddr(address);
            return r;
        });
    }

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    private JsonNode latestAudit(String action) throws Exception {
        return new ObjectMapper().readTree(mvc.perform(get("/api/audit").param("action", action).param("limit", "1")
                .with(httpBasic("alice", ALICE))).andReturn().getResponse().getContentAsString()).get(0);
    }

    @Test
    void anOperatorsAccountOpensTheApiAndTheConsoleAndTheAuditLogNamesThem() throws Exception {
        assertThat(status(post("/api/routes/file-inbox/suspend").param("comment", "by script")
                .with(httpBasic("alice", ALICE)))).isEqualTo(200);
        assertThat(latestAudit("route.suspend").get("actor").asText()).isEqualTo("alice");

        MvcResult login = mvc.perform(from("10.2.0.1", post("/ops/login")).param("username", "alice")
                .param("password", ALICE).with(csrf())).andReturn();
        assertThat(login.getResponse().getRedirectedUrl()).isEqualTo("/ops/");
        MockHttpSession session = (MockHttpSession) login.getRequest().getSession(false);
        assertThat(mvc.perform(get("/ops/").session(session)).andReturn().getResponse().getContentAsString())
                .as("the console says who is signed in").contains("alice");
        mvc.perform(post("/ops/routes/file-inbox/resume").param("comment", "from the console").session(session)
                .with(csrf()));
        JsonNode resumed = latestAudit("route.resume");
        assertThat(resumed.get("actor").asText()).isEqualTo("alice");
        assertThat(resumed.get("outcome").asText()).isEqualTo("done");

        assertThat(status(post("/api/ledger/integrity/clear").param("reason", "looked: sound")
                .with(httpBasic("alice", ALICE)))).isEqualTo(200);
        assertThat(latestAudit("ledger.integrity.clear").get("actor").asText()).isEqualTo("alice");

        assertThat(status(post("/api/ledger/verify").with(httpBasic("alice", ALICE)))).isEqualTo(200);
        JsonNode verified = latestAudit("ledger.verify");
        assertThat(verified.get("actor").asText()).isEqualTo("alice");
        assertThat(verified.get("detail").asText()).startsWith("intact: ");
        mvc.perform(post("/ops/integrity/verify").session(session).with(csrf()));
        assertThat(new ObjectMapper().readTree(mvc.perform(get("/api/audit").param("action", "ledger.verify")
                .param("actor", "alice").with(httpBasic("alice", ALICE))).andReturn().getResponse()
                .getContentAsString())).as("the API's request and the console's").hasSize(2);
    }

    @Test
    void onceAnOperatorHasAnAccountTheSharedOperatorLoginIsOffWhileTheScrapersStays() throws Exception {
        assertThat(status(get("/api/rounds").with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD))))
                .isEqualTo(401);
        assertThat(status(get("/actuator/prometheus").with(httpBasic("metrics", METRICS_PASSWORD))))
                .as("nobody has the metrics role by name").isEqualTo(200);
    }

    @Test
    void aCommissionMembersAccountReadsTheCommissionsFeedOnly() throws Exception {
        assertThat(status(get("/api/commission/rounds").with(httpBasic("carol", CAROL)))).isEqualTo(200);
        assertThat(status(get("/api/rounds").with(httpBasic("carol", CAROL)))).isEqualTo(403);
        assertThat(status(get("/api/commission/rounds").with(httpBasic("alice", ALICE)))).isEqualTo(403);
    }

    @Test
    void aRemovedAccountNoLongerSignsIn() throws Exception {
        accounts.set("dave", Role.OPERATOR, "dave-password-1");
        assertThat(status(get("/api/rounds").with(httpBasic("dave", "dave-password-1")))).isEqualTo(200);

        accounts.remove("dave");

        assertThat(status(get("/api/rounds").with(httpBasic("dave", "dave-password-1")))).isEqualTo(401);
    }

    @Test
    void guessingAtOnePersonFromManyClientsKeepsOutUnknownClientsButNotTheirOwn() throws Exception {
        accounts.set("erin", Role.OPERATOR, "erin-password-1");
        assertThat(status(from("10.3.0.1", get("/api/rounds")).with(httpBasic("erin", "erin-password-1"))))
                .isEqualTo(200);
        for (int i = 0; i < 20; i++) {
            assertThat(status(from("198.51.100." + i, get("/api/rounds")).with(httpBasic("erin", "guess-" + i))))
                    .isEqualTo(401);
        }

        assertThat(status(from("10.3.0.2", get("/api/rounds")).with(httpBasic("erin", "erin-password-1"))))
                .as("a client erin never used").isEqualTo(429);
        assertThat(status(from("10.3.0.1", get("/api/rounds")).with(httpBasic("erin", "erin-password-1"))))
                .as("erin's own desk").isEqualTo(200);
        assertThat(status(from("10.3.0.2", get("/api/rounds")).with(httpBasic("alice", ALICE))))
                .as("another person at that client").isEqualTo(200);
    }
}
