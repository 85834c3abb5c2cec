package org.rectificationhub.publish;

import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.RoundRegistration;
import org.rectificationhub.delivery.CommittedEntry;
import org.rectificationhub.ledger.LedgerQueries;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The sample notice, dropped in the office inbox, becomes the round's public notice; notice.txt and notice.docx read
 * back the same.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SiteFromSampleNoticeTest {

    static final HubFolders hub = HubFolders.create();
    static final String OFFICE = NoticeReading.OFFICE;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
    }

    @Autowired
    LedgerQueries queries;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PublicationTarget publication;
    @Autowired
    MockMvc mvc;

    private static RoundRegistration sample() {
        return NoticeReading.parsed(NoticeReading.sample(), "notice.txt");
    }

    private String roundDelivered() throws IOException {
        String roundId = sample().roundId();
        if (queries.problems(roundId).isEmpty()) {
            hub.drop(OFFICE, "notice.txt", NoticeReading.sample());
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> queries.problems(roundId).map(List::size).orElse(0) == 20);
        }
        List<CommittedEntry> entries = Committed.all(jdbc);
        publication.deliver(entries);
        publication.deliver(entries); // a replay changes nothing
        return roundId;
    }

    private Path roundFolder(String roundId) {
        return hub.dataDir().resolve("site/rounds").resolve(roundId);
    }

    @Test
    void theRoundPageHoldsEveryProblemCategoryAndMeasureOfTheSampleNotice() throws IOException {
        String roundId = roundDelivered();
        String page = Files.readString(roundFolder(roundId).resolve("index.html"), StandardCharsets.UTF_8);
        RoundRegistration sample = sample();

        assertThat(page).contains("<html lang=\"zh-CN\">", "<meta charset=\"utf-8\">", "市委第一巡察组",
                "中共莞城街道工作委员会", "2024年8月20日", "公开期限：2025年10月16日至2025年11月16日");
        assertThat(sample.problems()).hasSize(20).allSatisfy(p -> assertThat(page).contains(Html.escape(p.title())));
        assertThat(sample.problems().stream().map(p -> p.category().title()).distinct()).hasSize(6)
                .allSatisfy(c -> assertThat(page).contains(Html.escape(c)));
        sample.problems().forEach(p -> p.measures().forEach(m -> assertThat(page).contains(Html.escape(m.text()))));
        assertThat(page).contains("id=\"total-problems\"><th>反馈问题</th><td class=\"computed\">20</td>");
        assertThat(roundFolder(roundId).resolve("problems/20.html")).exists();
        assertThat(hub.dataDir().resolve("site/checkpoints.json")).content().contains("\"publicKey\"");
        assertThat(hub.dataDir().resolve("site/feed.xml")).content().contains(roundId);
        assertThat(roundFolder(roundId).resolve("feed.xml")).content().contains("<entry>");
    }

    @Test
    void noticeTxtParsedBackGivesTheSameRound() throws IOException {
        String roundId = roundDelivered();
        assertSameRound(NoticeReading.parsed(Files.readAllBytes(roundFolder(roundId).resolve("notice.txt")),
                "notice.txt"));
    }

    @Test
    void noticeDocxParsedBackGivesTheSameRound() throws IOException {
        String roundId = roundDelivered();
        assertSameRound(NoticeReading.parsed(Files.readAllBytes(roundFolder(roundId).resolve("notice.docx")),
                "notice.docx"));
    }

    private static void assertSameRound(RoundRegistration reread) {
        RoundRegistration original = sample();
        assertThat(reread.roundId()).isEqualTo(original.roundId());
        assertThat(reread.round().inspectionTeam()).isEqualTo(original.round().inspectionTeam());
        assertThat(reread.round().inspectedUnits()).isEqualTo(original.round().inspectedUnits());
        assertThat(reread.round().period()).isEqualTo(original.round().period());
        assertThat(reread.round().publication()).isEqualTo(original.round().publication());
        assertThat(reread.round().narrative()).isEqualTo(original.round().narrative());
        assertThat(reread.problems()).hasSize(20);
        for (int i = 0; i < 20; i++) {
            RoundRegistration.Problem a = original.problems().get(i);
            RoundRegistration.Problem b = reread.problems().get(i);
            assertThat(b.problemNo()).isEqualTo(a.problemNo());
            assertThat(b.category()).isEqualTo(a.category());
            assertThat(b.title()).isEqualTo(a.title());
            assertThat(b.progress()).isEqualTo(a.progress());
            assertThat(b.measures()).as("measures of problem %d", a.problemNo()).isEqualTo(a.measures());
        }
    }

    @Test
    void publicPagesNeedNoLoginAndForbidScriptsAndSniffing() throws Exception {
        String roundId = roundDelivered();
        for (String path : List.of("/public/", "/public/index.html", "/public/rounds/" + roundId + "/index.html",
                "/public/rounds/" + roundId + "/notice.txt", "/public/checkpoints.json", "/public/site.css")) {
            mvc.perform(get(path)).andExpect(status().isOk())
                    .andExpect(header().string("Content-Security-Policy", "default-src 'self'"))
                    .andExpect(header().string("X-Content-Type-Options", "nosniff"));
        }
        mvc.perform(get("/public/rounds/" + roundId + "/notice.txt"))
                .andExpect(content().contentType("text/plain;charset=UTF-8"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("市委第一巡察组")));
        mvc.perform(get("/public/rounds/" + roundId + "/notice.docx")).andExpect(status().isOk())
                .andExpect(header().string("Content-Type",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
        mvc.perform(get("/public/../db/hub.mv.db")).andExpect(status().is4xxClientError());
        mvc.perform(get("/api/rounds")).andExpect(status().isUnauthorized());
    }
}
