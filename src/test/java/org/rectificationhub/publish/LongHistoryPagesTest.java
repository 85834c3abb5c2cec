package org.rectificationhub.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ingest.IngestReport;
import org.rectificationhub.ingest.Input;
import org.rectificationhub.ingest.Intake;
import org.rectificationhub.ledger.LedgerQueries;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.rectificationhub.support.Examples.ROUND_ID;

/**
 * A problem reported on 450 times: its public history is written in pages of at most 200 reports that together are
 * its whole history, newest first; round.json holds the newest page; the pages of older reports are written once and
 * a later regeneration does not read or write them again.
 */
@SpringBootTest
class LongHistoryPagesTest {

    static final HubFolders hub = HubFolders.create();
    static final Pattern REPORT = Pattern.compile("<p>(report \\d+)</p>");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
    }

    @Autowired
    Intake intake;
    @Autowired
    SiteGenerator generator;
    @Autowired
    LedgerQueries queries;

    @Test
    void aLongHistoryIsWrittenInPagesThatTogetherAreTheWholeHistoryAndOlderPagesAreWrittenOnce() throws Exception {
        List<Input> inputs = new ArrayList<>(List.of(json("register", Examples.roundJson())));
        for (int n = 1; n <= 450; n++) {
            inputs.add(json("report-" + n, report(n, 1)));
        }
        for (int n = 451; n <= 453; n++) {
            inputs.add(json("report-" + n, report(n, 14)));
        }
        assertThat(intake.takeAll(inputs)).allMatch(IngestReport::allRecorded);
        assertThat(generator.regenerate(List.of(ROUND_ID))).isEmpty();

        Path problems = hub.dataDir().resolve("site/rounds").resolve(ROUND_ID).resolve("problems");
        List<String> whole = progress(PublicRound.read(queries, ROUND_ID).orElseThrow().history().get(1));
        assertThat(whole).hasSize(450).startsWith("report 450");
        String newest = read(problems.resolve("1.html"));
        String second = read(problems.resolve("1-2.html"));
        String oldest = read(problems.resolve("1-1.html"));
        List<String> paged = new ArrayList<>(reports(newest));
        paged.addAll(reports(second));
        paged.addAll(reports(oldest));
        assertThat(paged).as("the pages, newest first, are the whole history").isEqualTo(whole);
        assertThat(reports(newest)).hasSize(50);
        assertThat(newest).contains("<ol class=\"history\" reversed start=\"450\">", "<a href=\"1-2.html\">较早的记录</a>");
        assertThat(second).contains("start=\"400\"", "<a href=\"1.html\">最新记录</a> · <a href=\"1-1.html\">较早的记录</a>");
        assertThat(oldest).contains("start=\"200\"").doesNotContain("较早的记录");
        assertThat(read(problems.resolve("14.html"))).as("a short history is one page, as it always was")
                .contains("<ol class=\"history\" reversed>").doesNotContain("class=\"pages\"");
        JsonNode roundJson = CanonicalJson.readTree(read(problems.resolve("../round.json")));
        assertThat(progress(roundJson.path("history").path("1"))).isEqualTo(whole.subList(0, 50));
        assertThat(progress(roundJson.path("history").path("14"))).containsExactly("report 453", "report 452", "report 451");

        Files.delete(problems.resolve("1-1.html"));
        List<Input> later = new ArrayList<>();
        for (int n = 454; n <= 458; n++) {
            later.add(json("report-" + n, report(n, 1)));
        }
        assertThat(intake.takeAll(later)).allMatch(IngestReport::allRecorded);
        assertThat(generator.regenerate(List.of(ROUND_ID))).isEmpty();
        assertThat(reports(read(problems.resolve("1.html")))).hasSize(55).startsWith("report 458");
        assertThat(problems.resolve("1-1.html")).as("an older page is not written again").doesNotExist();
        assertThat(read(problems.resolve("../feed.xml"))).contains("report 458");

        generator.regenerateAll();
        assertThat(read(problems.resolve("1-1.html"))).as("written anew at start").isEqualTo(oldest);
    }

    private static List<String> reports(String page) {
        List<String> found = new ArrayList<>();
        Matcher m = REPORT.matcher(page);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static List<String> progress(Iterable<JsonNode> items) {
        List<String> texts = new ArrayList<>();
        items.forEach(item -> texts.add(item.path("progress").asText()));
        return texts;
    }

    private static String read(Path file) throws Exception {
        return Files.readString(file.normalize(), StandardCharsets.UTF_8);
    }

    private static ObjectNode report(int n, int problemNo) {
        ObjectNode json = Examples.progressJson();
        json.remove(List.of("measureSeq", "evidence", "accountability", "exemption"));
        return json.put("department", OFFICE).put("updateId", "long-" + n).put("problemNo", problemNo)
                .put("sequence", n).put("status", "in-progress").put("progress", "report " + n);
    }

    private static Input json(String name, JsonNode json) {
        return Input.of("test", OFFICE, name, CanonicalJson.write(json).getBytes(StandardCharsets.UTF_8), null, null);
    }
}
