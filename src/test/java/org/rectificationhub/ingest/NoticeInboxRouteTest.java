package org.rectificationhub.ingest;

import org.junit.jupiter.api.Test;
import org.rectificationhub.HubProperties;
import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.ledger.LedgerQueries;
import org.rectificationhub.parse.ParseContext;
import org.rectificationhub.parse.Parsers;
import org.rectificationhub.parse.TextDecoding;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Offices drop what they really write: the sample notice, in UTF-8 and GB18030, reaches the ledger as a round. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NoticeInboxRouteTest {

    static final HubFolders hub = HubFolders.create();
    static final String OFFICE = "rectification-office";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
        registry.add("hub.limits.max-ledger-rows", () -> "3000");
    }

    @Autowired
    LedgerQueries queries;

    @Autowired
    HubProperties properties;

    private static byte[] sample() throws IOException {
        try (InputStream in = NoticeInboxRouteTest.class.getClassLoader()
                .getResourceAsStream("samples/notices/guancheng-2025.txt")) {
            return in.readAllBytes();
        }
    }

    @Test
    void theSampleNoticeDroppedInTheOfficeInboxRegistersItsRoundAndTwentyProblems() throws IOException {
        byte[] utf8 = sample();
        List<CanonicalDocument> parsed = Parsers.parse(utf8, "notice.txt", ParseContext.of(OFFICE, null)).documents();
        String roundId = parsed.get(0).roundId();

        hub.drop(OFFICE, "notice.txt", utf8);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> queries.problems(roundId).map(List::size).orElse(0) == 20);
        List<Map<String, Object>> problems = queries.problems(roundId).orElseThrow();
        assertThat(problems.get(0).get("title")).isEqualTo("加深对实施“百千万工程”的战略意义的认识");
        assertThat(queries.rounds()).extracting(r -> r.get("inspectionTeam")).contains("市委第一巡察组");

        byte[] gb18030 = new String(utf8, StandardCharsets.UTF_8).getBytes(TextDecoding.GB18030);
        hub.drop(OFFICE, "notice-gbk.txt", gb18030);
        hub.awaitInboxEmpty(Duration.ofSeconds(30));
        assertThat(hub.files("archive")).extracting(p -> p.getFileName().toString())
                .anyMatch(n -> n.endsWith("notice.txt")).anyMatch(n -> n.endsWith("notice-gbk.txt"));
        assertThat(queries.problems(roundId).orElseThrow()).hasSize(20);
    }

    @Test
    void parseLimitsAreSetUnderHubLimits() {
        assertThat(properties.limits().maxLedgerRows()).isEqualTo(3000);
        assertThat(properties.limits().maxTextChars()).isEqualTo(4 * 1024 * 1024);
        assertThat(properties.limits().maxDocumentsPerInput()).isEqualTo(1000);
    }

    @Test
    void aLedgerThatNamesNoRoundIsQuarantinedWithTheReason() throws IOException {
        hub.drop(OFFICE, "ledger.csv", "序号,问题描述,整改措施,责任单位\n1,某问题,一是某措施。,经发局\n"
                .getBytes(StandardCharsets.UTF_8));
        hub.awaitInboxEmpty(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.files("error").stream()
                .anyMatch(p -> p.getFileName().toString().endsWith("ledger.csv.reason.txt")));
        Path reason = hub.files("error").stream()
                .filter(p -> p.getFileName().toString().endsWith("ledger.csv.reason.txt")).findFirst().orElseThrow();
        assertThat(Files.readString(reason)).contains("round is unknown", "feedback date");
    }
}
