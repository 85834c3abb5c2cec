package org.rectificationhub.ops.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.rectificationhub.ingest.Intake;
import org.rectificationhub.ledger.LedgerQueries;
import org.rectificationhub.ledger.Quarantine;
import org.rectificationhub.parse.TextDecoding;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The console's pages as HTML: their language, their navigation, their numbers and the quarantine's originals. */
@SpringBootTest
@AutoConfigureMockMvc
class ConsolePagesTest {

    static final HubFolders hub = HubFolders.create();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    Intake intake;
    @Autowired
    LedgerQueries queries;
    @Autowired
    Quarantine quarantine;

    private static MockHttpServletRequestBuilder asOperator(MockHttpServletRequestBuilder request) {
        return request.with(user("operator").roles("OPERATOR"));
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(asOperator(request)).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    @Test
    void theBrowsersLanguageChoosesTheLabels() throws Exception {
        assertThat(page(get("/ops/").header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8")))
                .contains("<html lang=\"zh-CN\">", ">概览</h1>", ">投递</a>");
        assertThat(page(get("/ops/").header("Accept-Language", "en-GB,en;q=0.9")))
                .contains("<html lang=\"en\">", ">Overview</h1>", ">Deliveries</a>");
        assertThat(page(get("/ops/").header("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5")))
                .as("the first language the console speaks").contains("<html lang=\"en\">");
        assertThat(page(get("/ops/").header("Accept-Language", "zh-TW"))).contains("<html lang=\"zh-CN\">");
        assertThat(page(get("/ops/").header("Accept-Language", "fr"))).as("neither: Chinese")
                .contains("<html lang=\"zh-CN\">");
    }

    @Test
    void aLanguageChosenByLinkIsKeptInACookieOverTheBrowsersOwn() throws Exception {
        MvcResult chosen = mvc.perform(asOperator(get("/ops/").param("lang", "en")
                .header("Accept-Language", "zh-CN"))).andReturn();
        Cookie cookie = chosen.getResponse().getCookie("hub-console-lang");

        assertThat(chosen.getResponse().getContentAsString()).contains("<html lang=\"en\">", "<dt>Entries</dt>");
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(page(get("/ops/integrity").cookie(cookie).header("Accept-Language", "zh-CN")))
                .contains("<html lang=\"en\">", ">Integrity</h1>");
        assertThat(page(get("/ops/").cookie(new Cookie("hub-console-lang", "de-DE"))))
                .as("a cookie naming another language").contains("<html lang=\"zh-CN\">");
    }

    @Test
    void theNavigationLinksEveryPageThatExistsAndNoneThatDoesNot() throws Exception {
        String overview = page(get("/ops/").header("Accept-Language", "en"));

        assertThat(overview).contains("href=\"/ops/\"", "href=\"/ops/deliveries\"", "href=\"/ops/quarantine\"",
                "href=\"/ops/integrity\"").doesNotContain("href=\"/ops/routes\"", "href=\"/ops/channels\"",
                "href=\"/ops/lineage\"", "href=\"/ops/audit\"");
        String current = overview.substring(overview.indexOf("id=\"nav-overview\""));
        assertThat(current.substring(0, current.indexOf("</a>"))).contains("class=\"current\"", "aria-current=\"page\"");
        assertThat(overview.split("aria-current=")).as("one current page").hasSize(2);
    }

    @Test
    void theCountersPollSaysWhatTheLedgerHolds() throws Exception {
        new OfficeReports(intake, queries).progress(2);

        JsonNode counters = new ObjectMapper().readTree(page(get("/ops/data/counters")
                .header("Accept-Language", "en"))).path("counters");

        assertThat(counters.at("/ledger.entries/text").asText())
                .isEqualTo(String.format("%,d", queries.headline().entries()));
        assertThat(counters.at("/ledger.rounds/text").asText()).isEqualTo("1");
        assertThat(counters.at("/integrity.state/text").asText()).isEqualTo("intact");
        assertThat(counters.at("/integrity.state/alert").asBoolean()).isFalse();
        assertThat(counters.has("delivery.publication.failed")).isTrue();
        assertThat(counters.has("delivery.commission.lag")).isTrue();
    }

    @Test
    void aQuarantinedOriginalDownloadsAsItsOwnBytesAndShowsEscaped() throws Exception {
        String text = "整改进展</pre><script>alert(1)</script>";
        long id = new OfficeReports(intake, queries).rejectedInGb18030(text);

        MvcResult download = mvc.perform(asOperator(get("/ops/quarantine/" + id + "/original"))).andReturn();
        assertThat(download.getResponse().getContentAsByteArray()).isEqualTo(quarantine.original(id));
        assertThat(new String(download.getResponse().getContentAsByteArray(), TextDecoding.GB18030)).contains(text);
        assertThat(download.getResponse().getHeader("Content-Disposition")).startsWith("attachment;");
        assertThat(download.getResponse().getContentType()).isEqualTo("application/octet-stream");

        String shown = page(get("/ops/quarantine/" + id).header("Accept-Language", "en"));
        assertThat(shown).contains("整改进展&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;", "read as GB18030")
                .doesNotContain("<script>alert(1)");
        assertThat(page(get("/ops/quarantine"))).contains("id=\"quarantine-" + id + "\"");
    }

    @Test
    void unknownThingsAreNotFound() throws Exception {
        assertThat(mvc.perform(asOperator(get("/ops/quarantine/999999"))).andReturn().getResponse().getStatus())
                .isEqualTo(404);
        assertThat(mvc.perform(asOperator(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/ops/deliveries/nowhere/replay").with(org.springframework.security.test.web.servlet.request
                        .SecurityMockMvcRequestPostProcessors.csrf()))).andReturn().getResponse().getStatus())
                .isEqualTo(404);
    }
}
