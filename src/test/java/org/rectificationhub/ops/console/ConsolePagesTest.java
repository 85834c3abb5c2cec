package org.rectificationhub.ops.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.rectificationhub.audit.AuditLog;
import org.rectificationhub.ingest.Intake;
import org.rectificationhub.ledger.LedgerQueries;
import org.rectificationhub.ledger.Quarantine;
import org.rectificationhub.parse.TextDecoding;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.FaultyDatabase;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The console's pages as HTML: their language, their navigation, their numbers and the quarantine's originals. */
@SpringBootTest
@AutoConfigureMockMvc
@Import(FaultyDatabase.class)
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
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcTemplate jdbc;

    private static MockHttpServletRequestBuilder asOperator(MockHttpServletRequestBuilder request) {
        return request.with(user("operator").roles("OPERATOR"));
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(asOperator(request)).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    @Test
    void theIntegrityPageNamesAFullVerificationRunningElsewhereInsteadOfStartingAnother() throws Exception {
        jdbc.update("update ledger_proof set run_started_at = ?, run_instance = 'hub-elsewhere', run_lease_until = ?",
                java.time.OffsetDateTime.now(), java.time.OffsetDateTime.now().plusMinutes(5));
        try {
            MvcResult asked = mvc.perform(asOperator(post("/ops/integrity/verify")).with(csrf())).andReturn();

            assertThat(asked.getResponse().getRedirectedUrl()).isEqualTo("/ops/integrity");
            assertThat(page(get("/ops/integrity").flashAttrs(asked.getFlashMap()).header("Accept-Language", "en")))
                    .contains("id=\"running\"", "already running", "hub-elsewhere").doesNotContain("id=\"report\"");
        } finally {
            jdbc.update("update ledger_proof set run_started_at = null, run_instance = null, run_lease_until = null");
        }
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
    void theNavigationLinksEverySectionInItsOrderAndMarksTheCurrentOne() throws Exception {
        String overview = page(get("/ops/").header("Accept-Language", "en"));

        List<String> links = Pattern.compile("id=\"nav-[a-z]+\" href=\"([^\"]+)\"|href=\"([^\"]+)\" id=\"nav-")
                .matcher(overview).results().map(m -> m.group(1) != null ? m.group(1) : m.group(2)).toList();
        assertThat(links).containsExactly("/ops/", "/ops/routes", "/ops/channels", "/ops/quarantine",
                "/ops/deliveries", "/ops/lineage", "/ops/integrity", "/ops/audit");
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
    void aQuarantinedInputWithoutADepartmentIsListedAndShownLikeAnyOther() throws Exception {
        byte[] bytes = "来自陌生人的邮件".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long id = quarantine.record(new Quarantine.Input("mail", null, "mail from stranger@example.org",
                bytes.length, org.rectificationhub.canonical.CanonicalJson.sha256(bytes), bytes, null, null, null,
                java.time.Instant.now()), List.of(new Quarantine.Rejected(1, null,
                "From: stranger@example.org is not a known sender", null))).get(0);

        assertThat(row(page(get("/ops/quarantine").header("Accept-Language", "en")), id))
                .contains("is not a known sender");
        assertThat(page(get("/ops/quarantine/" + id).header("Accept-Language", "en"))).contains("来自陌生人的邮件");
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

    @Test
    void theRoutesPageShowsEveryRouteAndItsButtonsActThroughTheAuditedRouteControl() throws Exception {
        String routes = page(get("/ops/routes").header("Accept-Language", "en"));
        assertThat(routes).contains("id=\"route-file-inbox\"", "id=\"stop-file-inbox\"", ">started</td>",
                "switched off by configuration");
        assertThat(routes).as("the Kafka channel is off here: nothing to start").doesNotContain("id=\"start-kafka-inbound\"");
        JsonNode figures = new ObjectMapper().readTree(page(get("/ops/data/routes").header("Accept-Language", "en")))
                .path("counters");
        assertThat(figures.at("/route.file-inbox.state/text").asText()).isEqualTo("started");
        assertThat(routes).contains("data-counter=\"route.file-inbox.total\">"
                + figures.at("/route.file-inbox.total/text").asText() + "<");

        MvcResult stopped = mvc.perform(asOperator(post("/ops/routes/file-inbox/stop").with(csrf())
                .param("comment", "disk <b>swap</b>"))).andReturn();
        try {
            assertThat(stopped.getResponse().getRedirectedUrl()).isEqualTo("/ops/routes");
            String after = page(get("/ops/routes").header("Accept-Language", "en").flashAttrs(stopped.getFlashMap()));
            assertThat(after).contains("Done: route &#39;file-inbox&#39;: started → stopped", "id=\"start-file-inbox\"");
            assertThat(audit.recent(1, "route.stop", "operator", "route/file-inbox")).singleElement()
                    .satisfies(e -> {
                        assertThat(e.outcome()).isEqualTo("done");
                        assertThat(e.comment()).isEqualTo("disk <b>swap</b>");
                    });
        } finally {
            mvc.perform(asOperator(post("/ops/routes/file-inbox/start").with(csrf())));
        }
        assertThat(page(get("/ops/routes"))).contains("id=\"stop-file-inbox\"");

        MvcResult refused = mvc.perform(asOperator(post("/ops/routes/kafka-inbound/start").with(csrf()))).andReturn();
        String told = page(get("/ops/routes").header("Accept-Language", "en").flashAttrs(refused.getFlashMap()));
        assertThat(told).contains("class=\"message alert\"", "Not done for route kafka-inbound: route &#39;kafka-inbound&#39;"
                + " is switched off by configuration");
        assertThat(audit.recent(1, "route.start", "operator", "route/kafka-inbound").get(0).outcome())
                .isEqualTo("refused");
    }

    @Test
    void theChannelsPageShowsEachChannelPerDepartmentAndSaysWhichAreSwitchedOff() throws Exception {
        new OfficeReports(intake, queries).progress();

        String channels = page(get("/ops/channels").header("Accept-Language", "en"));

        assertThat(channels).contains("id=\"channel-file\"", "id=\"file-rectification-office\"",
                "莞城街道巡察整改工作领导小组办公室", "Waiting (files)", "id=\"channel-kafka\"",
                "Switched off: switched off (HUB_KAFKA_ENABLED=false)", "id=\"channel-mail\"");
        assertThat(page(get("/ops/channels").header("Accept-Language", "zh-CN"))).contains(">渠道</h1>", "已停用");
    }

    @Test
    void aQuarantinedDocumentIsReplayedFromItsRowOnceItsRoundIsRegisteredAndTheReplayIsAudited() throws Exception {
        OfficeReports office = new OfficeReports(intake, queries);
        long id = office.progressOnUnregisteredRound("console-late-round", "console-late-1");
        office.roundRegistered("console-late-round");

        MvcResult replayed = mvc.perform(asOperator(post("/ops/quarantine/" + id + "/replay?channel=file&state=open")
                .with(csrf()).param("comment", "round registered since"))).andReturn();

        assertThat(replayed.getResponse().getRedirectedUrl()).isEqualTo("/ops/quarantine?channel=file&state=open");
        String told = page(get("/ops/quarantine").header("Accept-Language", "en").flashAttrs(replayed.getFlashMap()));
        assertThat(told).contains("id=\"outcome\" class=\"message\"", "Document " + id + " replayed: recorded as entry ");
        AuditLog.Entry audited = audit.recent(1, "quarantine.replay", "operator", "quarantine/" + id).get(0);
        assertThat(audited.outcome()).isEqualTo("done");
        assertThat(audited.comment()).isEqualTo("round registered since");
        String row = row(page(get("/ops/quarantine").param("state", "replayed").header("Accept-Language", "en")), id);
        assertThat(row).contains("replayed</strong>", "recorded by operator", "updateId=console-late-1")
                .doesNotContain("/replay");
        assertThat(page(get("/ops/quarantine").param("state", "open"))).doesNotContain("id=\"quarantine-" + id + "\"");
    }

    @Test
    void aDiscardWithoutACommentIsRefusedAndAReplayOfADiscardedDocumentIsToldWhyNot() throws Exception {
        long id = new OfficeReports(intake, queries).progressOnUnregisteredRound("console-never", "console-never-1");

        MvcResult bare = mvc.perform(asOperator(post("/ops/quarantine/" + id + "/discard").with(csrf()))).andReturn();
        String refused = page(get("/ops/quarantine").header("Accept-Language", "en").flashAttrs(bare.getFlashMap()));
        assertThat(refused).contains("class=\"message alert\"", "Document " + id + " not discarded: comment: say why");
        assertThat(audit.recent(1, "quarantine.discard", "operator", "quarantine/" + id).get(0).outcome())
                .isEqualTo("refused");
        assertThat(row(page(get("/ops/quarantine")), id)).contains("/discard");

        mvc.perform(asOperator(post("/ops/quarantine/" + id + "/discard").with(csrf())
                .param("comment", "sent again as <i>console-never-2</i>")));
        MvcResult conflict = mvc.perform(asOperator(post("/ops/quarantine/" + id + "/replay").with(csrf()))).andReturn();

        String told = page(get("/ops/quarantine").header("Accept-Language", "en").flashAttrs(conflict.getFlashMap()));
        assertThat(told).contains("Document " + id + " not replayed: quarantined document #" + id
                + " was discarded by operator").doesNotContain("Exception");
        assertThat(row(told, id)).contains("discarded</strong>", "sent again as &lt;i&gt;console-never-2&lt;/i&gt;")
                .doesNotContain("<i>");
        assertThat(audit.recent(3, "quarantine", "operator", "quarantine/" + id)).extracting(AuditLog.Entry::outcome)
                .containsExactly("refused", "done", "refused");
    }

    @Test
    void aReplayWhileTheDatabaseIsDownSaysSoInWordsAndChangesNothing() throws Exception {
        OfficeReports office = new OfficeReports(intake, queries);
        long id = office.progressOnUnregisteredRound("console-outage", "console-outage-1");
        office.roundRegistered("console-outage");
        FaultyDatabase.failWith("insert into ledger_entry", () -> new SQLException("connection reset", "08006"));
        MvcResult failed;
        try {
            failed = mvc.perform(asOperator(post("/ops/quarantine/" + id + "/replay").with(csrf()))).andReturn();
        } finally {
            FaultyDatabase.heal();
        }

        String told = page(get("/ops/quarantine").header("Accept-Language", "en").flashAttrs(failed.getFlashMap()));
        assertThat(told).contains("class=\"message alert\"", "Document " + id + " not replayed: the hub&#39;s database"
                + " is unavailable", "nothing was changed").doesNotContain("\tat org.");
        assertThat(row(told, id)).contains("open</strong>", "/replay");
        assertThat(audit.recent(1, "quarantine.replay", "operator", "quarantine/" + id).get(0).outcome())
                .isEqualTo("failed");
    }

    @Test
    void theQuarantineFiltersNarrowTheListAndAWrongOneSaysWhy() throws Exception {
        long id = new OfficeReports(intake, queries).progressOnUnregisteredRound("console-filtered", "console-filter-1");

        assertThat(page(get("/ops/quarantine").param("channel", "file").param("department", "rectification-office")
                .param("reason", "UNKNOWN ROUND").param("state", "open"))).contains("id=\"quarantine-" + id + "\"");
        assertThat(page(get("/ops/quarantine").param("channel", "kafka"))).doesNotContain("id=\"quarantine-" + id + "\"");
        assertThat(page(get("/ops/quarantine").param("to", "2020-01-01"))).doesNotContain("id=\"quarantine-" + id + "\"");
        assertThat(page(get("/ops/quarantine").param("state", "lost").header("Accept-Language", "en")))
                .contains("id=\"filter-error\"", "state: expected one of [open, replayed, discarded]");
    }

    @Test
    void theLineageSearchFindsAnEntryAndItsProblemsTimelineShowsItsSourceHashAndDeliveries() throws Exception {
        long entry = new OfficeReports(intake, queries).progress();
        String updateId = jdbc.queryForObject("select update_id from ledger_entry where id = ?", String.class, entry);

        String found = page(get("/ops/lineage").param("updateId", updateId).header("Accept-Language", "en"));
        assertThat(found).contains("id=\"entry-" + entry + "\"", "/ops/lineage/rounds/" + Examples.ROUND_ID
                + "/problems/1");
        String timeline = page(get("/ops/lineage/rounds/" + Examples.ROUND_ID + "/problems/1")
                .header("Accept-Language", "en"));
        String shown = timeline.substring(timeline.indexOf("id=\"entry-" + entry + "\""));
        assertThat(shown).contains(updateId, "Entry hash", "Input SHA-256", "public site: ");
        assertThat(page(get("/ops/lineage").param("problem", "1").header("Accept-Language", "en")))
                .contains("id=\"form-error\"", "Problem: give its round too.");
        assertThat(mvc.perform(asOperator(get("/ops/lineage/rounds/no-such-round/problems/1"))).andReturn()
                .getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void theAuditPageShowsWhoDidWhatAndWhyNewestFirstWithinItsLimit() throws Exception {
        audit.record("operator", "route.stop", "route/file-inbox", "first <script>", AuditLog.Outcome.DONE, "one");
        audit.record("someone-else", "route.start", "route/file-inbox", "second", AuditLog.Outcome.REFUSED, "two");

        String page = page(get("/ops/audit").param("limit", "50").header("Accept-Language", "en"));
        assertThat(page.indexOf("second")).isLessThan(page.indexOf("first &lt;script&gt;"));
        assertThat(page).contains("someone-else", "refused").doesNotContain("first <script>");
        assertThat(page(get("/ops/audit").param("actor", "someone-else"))).doesNotContain("first &lt;script&gt;");
        assertThat(page(get("/ops/audit").param("action", "route").param("limit", "99999")
                .header("Accept-Language", "en")))
                .as("a limit not offered is the default").contains("selected=\"selected\">the latest 50<",
                        "second");
    }

    /** The quarantine page's row of one document. */
    private static String row(String page, long id) {
        String from = page.substring(page.indexOf("id=\"quarantine-" + id + "\""));
        return from.substring(0, from.indexOf("</tr>"));
    }
}
