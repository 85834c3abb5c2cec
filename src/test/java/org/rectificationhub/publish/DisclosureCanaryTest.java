package org.rectificationhub.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.Classification;
import org.rectificationhub.canonical.SchemaCatalog;
import org.rectificationhub.ledger.CommitResult;
import org.rectificationhub.ledger.Ledger;
import org.rectificationhub.ledger.LedgerQueries;
import org.rectificationhub.ledger.RoundReports;
import org.rectificationhub.ledger.Submission;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Documents generated at random (seeded) with a canary in every field the schemas do not classify public, and in
 * every public field of exempt items, committed to the ledger, the site generated: no file of the site holds a
 * canary. Hostile text in public fields is shown inert.
 */
@SpringBootTest
class DisclosureCanaryTest {

    static final HubFolders hub = HubFolders.create();
    static final String CANARY = "CANARY";
    /** Canaries for fields that must be dates or numbers: values nobody would publish by chance. */
    static final String DATE_CANARY = "2091-03-17";
    static final long NUMBER_CANARY = 917_000_000L;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
    }

    @Autowired
    Ledger ledger;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PublicationTarget publication;
    @Autowired
    LedgerQueries queries;

    @Test
    void noNonPublicFieldNorExemptItemReachesAnyFileOfTheSite() throws Exception {
        CanaryDocuments generator = new CanaryDocuments(new Random(20251016L));
        for (int round = 0; round < 6; round++) {
            for (JsonNode document : generator.round()) {
                commit(document);
            }
        }
        assertThat(generator.covered("round")).containsAll(nonPublic("round"));
        assertThat(generator.covered("progress")).containsAll(nonPublic("progress"));
        publication.deliver(Committed.all(jdbc));

        List<Path> files = siteFiles();
        assertThat(files).hasSizeGreaterThan(20);
        assertThat(files).anyMatch(f -> f.toString().endsWith("notice.docx"));
        for (Path file : files) {
            String text = contents(file);
            assertThat(text).as(file.toString()).doesNotContain(CANARY, DATE_CANARY, "91700", "9173.17",
                    "case-under-review", "state-secret");
        }
        assertThat(Files.readString(hub.dataDir().resolve("site/index.html"))).contains(generator.publicMarker());
    }

    @Test
    void scriptsJavascriptLinksAndBidiTricksInProgressAreInertOnThePage() throws Exception {
        CanaryDocuments generator = new CanaryDocuments(new Random(7));
        List<JsonNode> round = generator.round();
        commit(round.get(0));
        String roundId = round.get(0).path("round").path("roundId").asText();
        String hostile = "<script>alert(1)</script><a href=\"javascript:alert(2)\">点此</a>"
                + "<img src=x onerror=alert(3)>付款\u202Egnp.exe\u2066x\u2069";
        commit(generator.progress(roundId, 1, hostile, false));
        publication.deliver(Committed.all(jdbc));

        Path folder = hub.dataDir().resolve("site/rounds").resolve(roundId);
        for (String name : List.of("index.html", "problems/1.html", "feed.xml")) {
            String page = Files.readString(folder.resolve(name), StandardCharsets.UTF_8);
            assertThat(page).as(name).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                    .doesNotContain("<script", "<img", "href=\"javascript:", "\u202E", "\u2066", "\u2069");
        }
        for (String name : List.of("notice.txt", "notice.docx")) {
            assertThat(contents(folder.resolve(name))).as(name).contains("付款\uFFFDgnp.exe")
                    .doesNotContain("\u202E", "\u2066", "\u2069");
        }
        assertThat(Html.href("javascript:alert(1)")).isEqualTo("#");
        assertThat(Html.href(" JaVaScRiPt:alert(1)")).isEqualTo("#");
        assertThat(Html.href("https://example.org/a")).isEqualTo("https://example.org/a");
        assertThat(Html.href("problems/1.html")).isEqualTo("problems/1.html");
    }

    @Test
    void aProblemPutUnderAnExemptionAfterItWasPublishedLeavesEveryFileOfTheSite() throws Exception {
        CanaryDocuments generator = new CanaryDocuments(new Random(11));
        List<JsonNode> round = generator.round();
        String roundId = round.get(0).path("round").path("roundId").asText();
        commit(round.get(0));
        String title = round.get(0).path("problems").get(0).path("title").asText();
        commit(generator.progress(roundId, 1, "先行公开的进展", false));
        commit(generator.progress(roundId, 2, "另一问题的进展", false));
        publication.deliver(Committed.all(jdbc));
        Path folder = hub.dataDir().resolve("site/rounds").resolve(roundId);
        assertThat(Files.readString(folder.resolve("problems/1.html"), StandardCharsets.UTF_8))
                .contains(title, "先行公开的进展");

        commit(generator.progress(roundId, 1, CANARY + "-exempt-progress", true));
        publication.deliver(Committed.all(jdbc));

        assertThat(folder.resolve("problems/1.html")).doesNotExist();
        assertThat(folder.resolve("problems/2.html")).exists();
        for (Path file : siteFiles()) {
            assertThat(contents(file)).as(file.toString()).doesNotContain("先行公开的进展", CANARY);
        }
    }

    @Test
    void historiesReadOnFromTheLastReportEqualTheHistoriesReadWholeEvenWhenTheBoundDropsThem() throws Exception {
        CanaryDocuments generator = new CanaryDocuments(new Random(13));
        List<String> rounds = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            JsonNode registration = generator.round().get(0);
            commit(registration);
            rounds.add(registration.path("round").path("roundId").asText());
        }
        RoundReports kept = new RoundReports(queries, null, PublicRound::historyItem, 1_000, 1_000);
        RoundReports bounded = new RoundReports(queries, null, PublicRound::historyItem, 25, 1_000);
        for (int step = 0, n = 0; step < 4; step++) {
            for (int i = 0; i < 15; i++, n++) {
                commit(generator.progress(rounds.get(n % 2), 1 + n % 2, "第" + n + "次进展", n % 7 == 6));
            }
            for (String roundId : rounds) {
                Map<Integer, List<JsonNode>> whole = PublicRound.histories(queries.roundProgress(roundId));
                assertThat(PublicRound.newestFirst(lists(kept.of(roundId)))).as("step %d, %s", step, roundId).isEqualTo(whole);
                assertThat(PublicRound.newestFirst(lists(bounded.of(roundId)))).as("step %d, %s, bounded", step, roundId)
                        .isEqualTo(whole);
            }
        }
        assertThat(kept.held()).as("exempt reports are not held").isEqualTo(60 - 8);
        assertThat(bounded.held()).as("the bound holds").isLessThanOrEqualTo(25);
    }

    private static Map<Integer, List<JsonNode>> lists(Map<Integer, RoundReports.Kept> kept) {
        Map<Integer, List<JsonNode>> lists = new java.util.HashMap<>();
        kept.forEach((no, k) -> lists.put(no, k.newest()));
        return lists;
    }

    private void commit(JsonNode document) throws Exception {
        CommitResult result = ledger.commit(new Submission(CanonicalJson.toDocument(document),
                "rectification-office", "file", "canary"));
        assertThat(result.toString()).doesNotContainIgnoringCase("rejected");
    }

    /** Leaf and container paths the schema does not classify public, but those the channel or the schema fixes. */
    private static Set<String> nonPublic(String kind) {
        Set<String> paths = new TreeSet<>();
        SchemaCatalog.classifications(kind).forEach((path, c) -> {
            if (c != Classification.PUBLIC) {
                paths.add(path);
            }
        });
        paths.removeAll(Set.of("schemaVersion", "kind", "department", "exemption.ground"));
        return paths;
    }

    /** A file's text; a Word file's is the text of every part inside it, which the zip otherwise compresses. */
    private static String contents(Path file) throws Exception {
        if (!file.toString().endsWith(".docx")) {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        StringBuilder text = new StringBuilder();
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                text.append(new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }

    private static List<Path> siteFiles() throws Exception {
        try (Stream<Path> walk = Files.walk(hub.dataDir().resolve("site"))) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
