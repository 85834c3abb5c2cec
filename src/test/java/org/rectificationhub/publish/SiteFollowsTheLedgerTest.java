package org.rectificationhub.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.delivery.CommittedEntry;
import org.rectificationhub.ingest.IngestReport;
import org.rectificationhub.ingest.Input;
import org.rectificationhub.ingest.Intake;
import org.rectificationhub.ledger.LedgerQueries;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The relay as the hub wires it (timer route, relay threads, the real publication target, the operators' API): a burst
 * committed while the site cannot be written is published once the target is back, each entry exactly once, and the
 * site then says what the ledger says.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SiteFollowsTheLedgerTest {

    static final HubFolders hub = HubFolders.create();
    static final List<String> ROUNDS = List.of("burst-round-1", "burst-round-2", "burst-round-3");
    static final int[] PROBLEMS = {1, 4, 14};
    static final int UPDATES = 1000;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
        registry.add("hub.delivery.poll", () -> "50");
        registry.add("hub.delivery.first-back-off", () -> "50ms");
        registry.add("hub.delivery.max-back-off", () -> "200ms");
        registry.add("hub.delivery.failing-after", () -> "300ms");
        // as in production, a round's pages are written at most so often: the site catches up once it has passed
        registry.add("hub.site.min-interval", () -> "1s");
        registry.add("hub.site.refresh", () -> "200");
    }

    @Autowired
    Intake intake;
    @Autowired
    LedgerQueries queries;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MockMvc mvc;
    @MockitoSpyBean
    PublicationTarget publication;

    /** Entry ids the site was generated for, counted; while {@code down}, the target throws as a full disk would. */
    private final Map<Long, AtomicInteger> published = new ConcurrentHashMap<>();
    private final AtomicBoolean down = new AtomicBoolean();

    private void recordDeliveries() throws Exception {
        doAnswer(call -> {
            if (down.get()) {
                throw new IllegalStateException("the site's disk is full");
            }
            call.callRealMethod();
            List<CommittedEntry> entries = call.getArgument(0);
            entries.forEach(e -> published.computeIfAbsent(e.entryId(), id -> new AtomicInteger()).incrementAndGet());
            return null;
        }).when(publication).deliver(anyList());
    }

    @Test
    void aBurstCommittedWhileTheSiteIsDownIsPublishedOnceEachAndTheSiteEndsEqualToTheLedger() throws Exception {
        recordDeliveries();
        down.set(true);

        List<Input> inputs = new ArrayList<>();
        ROUNDS.forEach(roundId -> inputs.add(json("register-" + roundId, registration(roundId))));
        for (int n = 1; n <= UPDATES; n++) {
            inputs.add(json("burst-" + n, update(n)));
        }
        for (int from = 0; from < inputs.size(); from += 250) {
            List<IngestReport> reports = intake.takeAll(inputs.subList(from, Math.min(inputs.size(), from + 250)));
            assertThat(reports).as("the intake goes on while the site is down").allMatch(IngestReport::allRecorded);
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc.perform(get("/actuator/health")
                        .with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD)))
                .andExpect(jsonPath("$.components.deliveries.status").value("DEGRADED"))
                .andExpect(jsonPath("$.components.deliveries.details.publication.lastError")
                        .value(org.hamcrest.Matchers.containsString("disk is full"))));
        mvc.perform(get("/api/deliveries").param("target", "publication").param("state", "failed")
                        .with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].lastError")
                        .value(org.hamcrest.Matchers.containsString("disk is full")));
        assertThat(published).isEmpty();

        down.set(false);
        mvc.perform(post("/api/deliveries/publication/replay").with(httpBasic("operator",
                HubFolders.OPERATOR_PASSWORD))).andExpect(status().isOk());
        await().atMost(Duration.ofSeconds(60)).until(() -> pendingForThePublicSite() == 0);

        List<Long> committed = jdbc.queryForList("select id from ledger_entry", Long.class);
        assertThat(published.keySet()).containsExactlyInAnyOrderElementsOf(committed);
        assertThat(published.values()).allMatch(count -> count.get() == 1);
        mvc.perform(get("/actuator/health").with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD)))
                .andExpect(jsonPath("$.components.deliveries.status").value("UP"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (String roundId : ROUNDS) {
                assertTheSiteSaysWhatTheLedgerSays(roundId);
            }
        });
    }

    /** The files on disk are what the ledger's state gives now, and each problem shows its latest report. */
    private void assertTheSiteSaysWhatTheLedgerSays(String roundId) throws Exception {
        Path folder = hub.dataDir().resolve("site/rounds").resolve(roundId);
        JsonNode onSite = CanonicalJson.mapper().readTree(folder.resolve("round.json").toFile());
        PublicRound now = PublicRound.read(queries, roundId).orElseThrow();
        assertThat(onSite.path("problems")).as(roundId).isEqualTo(now.round().path("problems"));
        assertThat(onSite.path("history")).isEqualTo(CanonicalJson.mapper().valueToTree(now.history()));

        String page = Files.readString(folder.resolve("index.html"), StandardCharsets.UTF_8);
        for (Map<String, Object> problem : queries.problems(roundId).orElseThrow()) {
            int no = ((Number) problem.get("problemNo")).intValue();
            String latest = "report " + latestUpdateOf(roundId, no);
            assertThat(problem.get("progress")).isEqualTo(latest);
            assertThat(page).contains(latest + "</p>");
            String history = Files.readString(folder.resolve("problems/" + no + ".html"), StandardCharsets.UTF_8);
            assertThat(history.indexOf(latest)).as("newest first").isLessThan(history.indexOf("report "
                    + (latestUpdateOf(roundId, no) - PROBLEMS.length * ROUNDS.size())));
        }
        assertThat(page).contains("<tr id=\"total-problems\"><th>反馈问题</th><td class=\"computed\">3</td>"
                + "<td class=\"declared\">3</td></tr>");
        assertThat(page).as("the notice declared a completion the ledger does not show")
                .contains("<tr id=\"total-completed\" class=\"differs\"><th>已完成整改</th><td class=\"computed\">0</td>"
                        + "<td class=\"declared\">1</td></tr>");
        assertThat(page).contains("二、下一步工作打算", "<p>持续巩固整改成果，建立长效机制。</p>",
                "公开期限：2025年10月16日至2025年11月16日", "联系电话：0769-22118522", "电子邮箱：guanchengxuncha@126.com");
    }

    private long pendingForThePublicSite() {
        return jdbc.queryForObject("select count(*) from outbox where target = 'publication' and delivered_at is null",
                Long.class);
    }

    /** Update n goes to round n % 3 and problem (n / 3) % 3, so each round's problems take turns. */
    private static ObjectNode update(int n) {
        ObjectNode json = Examples.progressJson();
        json.remove(List.of("measureSeq", "evidence", "accountability", "exemption"));
        return json.put("department", OFFICE).put("updateId", "burst-" + n).put("roundId", ROUNDS.get(n % 3))
                .put("problemNo", PROBLEMS[(n / 3) % 3]).put("sequence", n).put("status", "in-progress")
                .put("progress", "report " + n);
    }

    private static int latestUpdateOf(String roundId, int problemNo) {
        int latest = 0;
        for (int n = 1; n <= UPDATES; n++) {
            if (ROUNDS.get(n % 3).equals(roundId) && PROBLEMS[(n / 3) % 3] == problemNo) {
                latest = n;
            }
        }
        return latest;
    }

    /** The schema's example round under another id, declaring one problem completed, with its next steps. */
    private static ObjectNode registration(String roundId) {
        ObjectNode json = Examples.roundJson();
        ObjectNode round = (ObjectNode) json.get("round");
        round.put("roundId", roundId);
        round.putObject("declaredTotals").put("problems", 3).put("completed", 1);
        round.putObject("narrative").putArray("nextSteps").add("持续巩固整改成果，建立长效机制。");
        return json.put("updateId", "register-" + roundId);
    }

    private static Input json(String name, JsonNode json) {
        return Input.of("test", OFFICE, name, CanonicalJson.write(json).getBytes(StandardCharsets.UTF_8), null, null);
    }
}
