package org.rectificationhub.ops.console;

import org.junit.jupiter.api.Test;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
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
 * The console's door as a browser meets it over HTTP: the login form with its CSRF token and the login throttle, the
 * operator's role, CSRF on every form, the console's headers, while the API stays HTTP Basic for scripts.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ConsoleLoginTest {

    static final HubFolders hub = HubFolders.create();
    static final String COMMISSION_PASSWORD = "test-commission-password";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
        registry.add("hub.commission.password", () -> COMMISSION_PASSWORD);
    }

    @Autowired
    MockMvc mvc;

    private static MockHttpServletRequestBuilder from(String address, MockHttpServletRequestBuilder request) {
        return request.with(r -> {
            r.setRemoteAddr(address);
            return r;
        });
    }

    private MvcResult login(String address, String user, String password) throws Exception {
        return mvc.perform(from(address, post("/ops/login").param("username", user).param("password", password)
                .with(csrf()))).andReturn();
    }

    private MockHttpSession operatorSession() throws Exception {
        MvcResult result = login("10.1.0.1", "operator", HubFolders.OPERATOR_PASSWORD);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/ops/");
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    @Test
    void theConsoleWithoutLoginRedirectsToItsLoginPage() throws Exception {
        MvcResult result = mvc.perform(get("/ops/deliveries").accept("text/html")).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(302);
        assertThat(result.getResponse().getRedirectedUrl()).endsWith("/ops/login");
        String page = mvc.perform(get("/ops/login")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<form method=\"post\" action=\"/ops/login\">", "name=\"_csrf\"",
                "name=\"password\"");
    }

    @Test
    void theOperatorsPasswordOpensTheConsoleAndTheSessionCarriesOn() throws Exception {
        MockHttpSession session = operatorSession();

        MvcResult overview = mvc.perform(get("/ops/").session(session)).andReturn();
        assertThat(overview.getResponse().getStatus()).isEqualTo(200);
        assertThat(overview.getResponse().getContentAsString()).contains("data-counter=\"ledger.entries\"");
    }

    @Test
    void aLoginReturnsToTheConsolePageFirstAskedForAndNeverToAnErrorOrAPoll() throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(get("/ops/quarantine").session(session).accept("text/html"));
        assertThat(signIn(session)).endsWith("/ops/quarantine?continue");

        MockHttpSession refused = new MockHttpSession();
        mvc.perform(get("/error").session(refused));
        mvc.perform(get("/ops/data/counters").session(refused));
        assertThat(signIn(refused)).as("a refused call's error dispatch is no page to return to").endsWith("/ops/");
    }

    private String signIn(MockHttpSession session) throws Exception {
        return mvc.perform(from("10.1.9.9", post("/ops/login").session(session).param("username", "operator")
                .param("password", HubFolders.OPERATOR_PASSWORD).with(csrf()))).andReturn().getResponse()
                .getRedirectedUrl();
    }

    @Test
    void aWrongPasswordIsSentBackToTheLoginPageWhichSaysSo() throws Exception {
        MvcResult result = login("10.1.0.2", "operator", "not-the-password");

        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/ops/login?error");
        assertThat(mvc.perform(get("/ops/").session((MockHttpSession) result.getRequest().getSession())
                .accept("text/html")).andReturn().getResponse().getStatus()).isEqualTo(302);
        String page = mvc.perform(get("/ops/login").param("error", "").header("Accept-Language", "en")).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("Wrong user name or password.");
    }

    @Test
    void theCommissionsLoginDoesNotOpenTheConsole() throws Exception {
        MvcResult result = login("10.1.0.3", "commission", COMMISSION_PASSWORD);
        MockHttpSession session = (MockHttpSession) result.getRequest().getSession(false);

        assertThat(session).as("the commission did sign in").isNotNull();
        for (String page : new String[] {"/ops/", "/ops/deliveries", "/ops/quarantine", "/ops/integrity",
                "/ops/data/counters"}) {
            assertThat(mvc.perform(get(page).session(session)).andReturn().getResponse().getStatus()).as(page)
                    .isEqualTo(403);
        }
        assertThat(mvc.perform(post("/ops/deliveries/publication/replay").session(session).with(csrf())).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void everyConsoleFormNeedsItsCsrfToken() throws Exception {
        MockHttpSession session = operatorSession();

        for (String form : new String[] {"/ops/deliveries/publication/replay", "/ops/integrity/verify",
                "/ops/logout"}) {
            assertThat(mvc.perform(post(form).session(session)).andReturn().getResponse().getStatus()).as(form)
                    .isEqualTo(403);
        }
        assertThat(mvc.perform(post("/ops/login").param("username", "operator")
                .param("password", HubFolders.OPERATOR_PASSWORD)).andReturn().getResponse().getStatus())
                .as("a login form posted from another site").isEqualTo(403);
        assertThat(mvc.perform(post("/ops/deliveries/publication/replay").session(session).with(csrf()))
                .andReturn().getResponse().getRedirectedUrl()).isEqualTo("/ops/deliveries");
    }

    @Test
    void signingOutIsAPostWithTheTokenAndEndsTheSession() throws Exception {
        MockHttpSession session = operatorSession();

        MvcResult out = mvc.perform(post("/ops/logout").session(session).with(csrf())).andReturn();

        assertThat(out.getResponse().getRedirectedUrl()).isEqualTo("/ops/login?logout");
        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void tooManyWrongPasswordsFromOneAddressKeepEvenTheRightOneOutAndSayHowLongToWait() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(login("10.1.0.4", "operator", "guess-" + i).getResponse().getRedirectedUrl())
                    .isEqualTo("/ops/login?error");
        }

        MvcResult refused = login("10.1.0.4", "operator", HubFolders.OPERATOR_PASSWORD);
        String wait = refused.getResponse().getRedirectedUrl();
        assertThat(wait).startsWith("/ops/login?blocked=");
        assertThat(Long.parseLong(wait.substring(wait.indexOf('=') + 1))).isBetween(290L, 300L);
        assertThat(refused.getRequest().getSession(false)).as("no session was opened").isNull();
        assertThat(mvc.perform(get(wait).header("Accept-Language", "en")).andReturn().getResponse()
                .getContentAsString()).containsPattern("try again in (29\\d|300) seconds");
        assertThat(login("10.1.0.5", "operator", HubFolders.OPERATOR_PASSWORD).getResponse().getRedirectedUrl())
                .as("another address").isEqualTo("/ops/");
    }

    @Test
    void aPollWithoutASessionIsAnswered401NotSentToTheLoginPage() throws Exception {
        MvcResult result = mvc.perform(get("/ops/data/counters").accept("application/json")).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(401);
        assertThat(result.getResponse().getHeader("WWW-Authenticate")).as("no browser password prompt").isNull();
    }

    @Test
    void consolePagesMayLoadOnlyTheConsolesOwnFilesAndNoInlineScript() throws Exception {
        MvcResult login = mvc.perform(get("/ops/login")).andReturn();
        String policy = login.getResponse().getHeader("Content-Security-Policy");

        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "style-src 'self'",
                "frame-ancestors 'none'", "form-action 'self'").doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(login.getResponse().getContentAsString()).doesNotContainPattern("<script>|<script [^>]*>[^<]")
                .doesNotContain("style=\"", " onclick=", " onload=");
        assertThat(mvc.perform(get("/public/")).andReturn().getResponse().getHeader("Content-Security-Policy"))
                .as("the public site keeps its own").isEqualTo("default-src 'self'");
    }

    @Test
    void theApiStaysHttpBasicForScripts() throws Exception {
        assertThat(mvc.perform(get("/api/deliveries").accept("application/json")).andReturn().getResponse()
                .getStatus()).isEqualTo(401);
        assertThat(mvc.perform(post("/api/deliveries/publication/replay")
                .with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD))).andReturn().getResponse().getStatus())
                .isEqualTo(200);
        assertThat(mvc.perform(get("/api/rounds").session(operatorSession())).andReturn().getResponse().getStatus())
                .as("the console's session reads the API too").isEqualTo(200);
    }
}
