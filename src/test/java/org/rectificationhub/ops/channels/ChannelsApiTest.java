package org.rectificationhub.ops.channels;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.rectificationhub.support.MailBox;
import org.rectificationhub.support.OpsHub;
import org.rectificationhub.support.Updates;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/** GET /api/channels: what waits on each channel per department, and today's outcomes as Prometheus counts them. */
class ChannelsApiTest extends OpsHub {

    static final String ROUND = "channels-r1";
    static final String PARTY = "party-building";
    static final Pattern SERIES = Pattern.compile("^hub_ingest_documents_total\\{([^}]*)} ([0-9.E]+)$",
            Pattern.MULTILINE);

    @Autowired
    CamelContext camel;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aChannelSwitchedOffSaysSoInsteadOfShowingZeros() throws Exception {
        JsonNode kafka = channel(json("/api/channels"), "kafka");
        assertThat(kafka.path("state").asText()).isEqualTo("disabled");
        assertThat(kafka.path("note").asText()).contains("HUB_KAFKA_ENABLED=false");
        assertThat(kafka.path("departments")).isEmpty();
    }

    @Test
    void filesWaitingInAnInboxAreCountedPerDepartmentWithTheOldestButNotThoseStillBeingWritten() throws Exception {
        camel.getRouteController().stopRoute("file-inbox");
        Instant oldest = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        try {
            for (int i = 0; i < 3; i++) {
                Path dropped = hub.drop("urban-management", "waiting-" + i + ".json", "{}");
                Files.setLastModifiedTime(dropped, FileTime.from(oldest.plus(i, ChronoUnit.MINUTES)));
            }
            Files.writeString(hub.inbox("urban-management").resolve("half-written.json.part"), "{");

            JsonNode urban = row(channel(json("/api/channels"), "file"), "urban-management");
            assertThat(urban.at("/waiting/count").asLong()).isEqualTo(3);
            assertThat(Instant.parse(urban.at("/waiting/oldest").asText())).isEqualTo(oldest);
            assertThat(row(channel(json("/api/channels"), "file"), "economic-development").at("/waiting/count")
                    .asLong()).isZero();
        } finally {
            Files.delete(hub.inbox("urban-management").resolve("half-written.json.part"));
            camel.getRouteController().startRoute("file-inbox");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> row(channel(json("/api/channels"), "file"),
                "urban-management").at("/waiting/count").asLong() == 0);
    }

    @Test
    void unseenMailsAreCountedPerSendingDepartmentAndStrangersApart() throws Exception {
        camel.getRouteController().stopRoute("mail-inbound");
        try {
            mail.send(MailBox.textMail("unseen-1", "economic-development@localhost", "进展", "请查收",
                    StandardCharsets.UTF_8, "utf-8"));
            mail.send(MailBox.textMail("unseen-2", "economic-development@localhost", "进展", "请查收",
                    StandardCharsets.UTF_8, "utf-8"));
            mail.send(MailBox.textMail("unseen-3", "someone@elsewhere.example", "hi", "hello",
                    StandardCharsets.UTF_8, "utf-8"));

            // The mailbox is asked at most every few seconds: wait for the answer that sees the three.
            JsonNode channel = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .until(() -> channel(json("/api/channels"), "mail"),
                            m -> row(m, "economic-development").at("/waiting/count").asLong() == 2);
            assertThat(channel.path("state").asText()).isEqualTo("running");
            assertThat(channel.path("unit").asText()).isEqualTo("mails");
            assertThat(channel.at("/unattributed/count").asLong()).isEqualTo(1);
            assertThat(row(channel, "urban-management").at("/waiting/count").asLong()).isZero();
            assertThat(row(channel, "economic-development").at("/waiting/oldest").asText()).isNotEmpty();
        } finally {
            camel.getRouteController().startRoute("mail-inbound");
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode channel = channel(json("/api/channels"), "mail");
            return row(channel, "economic-development").at("/waiting/count").asLong() == 0
                    && channel.at("/unattributed/count").asLong() == 0;
        });
    }

    @Test
    void acceptedAndRejectedDocumentsFromFilesAndMailAreCountedAlikeByTheApiAndByPrometheus() throws Exception {
        hub.drop(Updates.OFFICE, "channels-round.json", Updates.round(ROUND));
        await().atMost(Duration.ofSeconds(20)).until(() -> entries("round-" + ROUND) == 1);
        int accepted = 4;
        for (int i = 1; i <= accepted; i++) {
            // one after the other: taken out of order, a lower sequence would be recorded as stale
            hub.drop(PARTY, "ok-" + i + ".json", Updates.bytes(Updates.progress(ROUND, PARTY, 14, i, "ch-ok-" + i)));
            String updateId = "ch-ok-" + i;
            await().atMost(Duration.ofSeconds(20)).until(() -> entries(updateId) == 1);
        }
        hub.drop(PARTY, "ok-1-again.json", Updates.bytes(Updates.progress(ROUND, PARTY, 14, 1, "ch-ok-1")));
        hub.drop(PARTY, "not-json.json", "{ 整改".getBytes(StandardCharsets.UTF_8));
        hub.drop(PARTY, "no-status.json", Updates.bytes(Updates.progress(ROUND, PARTY, 14, 9, "ch-bad-1")
                .put("status", "half-done")));
        hub.drop(PARTY, "not-ours.json", Updates.bytes(Updates.progress(ROUND, PARTY, 1, 10, "ch-bad-2")));
        int rejected = 3;
        mail.send(MailBox.attachmentsMail("counted-1", PARTY + "@localhost", "进展", List.of(
                new MailBox.Attachment("good.json", Updates.bytes(Updates.progress(ROUND, PARTY, 14, 20, "ch-mail-1"))),
                new MailBox.Attachment("bad.json", "[1, 2".getBytes(StandardCharsets.UTF_8)))));
        hub.awaitInboxEmpty(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from mail_message"
                + " where message_key = '<counted-1@office.example>'", Long.class) == 1);

        JsonNode before = json("/api/channels");
        Map<String, Double> scraped = scrape();
        JsonNode report = json("/api/channels");
        assumeThat(report.path("day").asText()).as("the day did not change meanwhile")
                .isEqualTo(before.path("day").asText());
        // Since the hub started today, the counter's totals are today's counts.
        assumeThat(Instant.parse(report.path("countedSince").asText())).as("the hub started today")
                .isAfter(LocalDate.parse(report.path("day").asText())
                        .atStartOfDay(ZoneId.of(report.path("zone").asText())).toInstant());

        JsonNode file = row(channel(report, "file"), PARTY).path("today");
        assertThat(file.path("accepted").asLong()).isEqualTo(accepted);
        assertThat(file.path("rejected").asLong()).isEqualTo(rejected);
        assertThat(file.path("duplicate").asLong()).isEqualTo(1);
        JsonNode mailed = row(channel(report, "mail"), PARTY).path("today");
        assertThat(mailed.path("accepted").asLong()).isEqualTo(1);
        assertThat(mailed.path("rejected").asLong()).isEqualTo(1);
        assertThat(scraped.get("file/" + PARTY + "/accepted")).isEqualTo(accepted);
        assertThat(scraped.get("file/" + PARTY + "/rejected")).isEqualTo(rejected);
        assertThat(scraped.get("file/" + PARTY + "/duplicate")).isEqualTo(1);
        assertThat(scraped.get("mail/" + PARTY + "/accepted")).isEqualTo(1);
        assertThat(scraped.get("mail/" + PARTY + "/rejected")).isEqualTo(1);
        // Every series Prometheus has, the API says the same of, whichever test sent it.
        assertThat(scraped).isNotEmpty().allSatisfy((series, count) -> {
            String[] key = series.split("/");
            assertThat(row(channel(report, key[0]), key[1]).path("today").path(key[2]).asDouble())
                    .as(series).isEqualTo(count);
        });
        assertThat(Instant.parse(row(channel(report, "file"), PARTY).path("lastInput").asText()))
                .isAfter(Instant.now().minusSeconds(120));
        assertThat(consoleToday(text("/ops/channels"), "file-" + PARTY)).as("the console's Channels page")
                .containsExactly((long) accepted, 0L, 1L, (long) rejected);
        assertThat(consoleToday(text("/ops/channels"), "mail-" + PARTY)).containsExactly(1L, 0L, 0L, 1L);
    }

    /** Today's accepted, stale, duplicate and rejected in the console's row of that id (the row's last four cells). */
    private static List<Long> consoleToday(String page, String rowId) {
        int start = page.indexOf("id=\"" + rowId + "\"");
        assertThat(start).as("a row " + rowId).isNotNegative();
        String row = page.substring(start, page.indexOf("</tr>", start));
        List<Long> numbers = new java.util.ArrayList<>();
        Matcher cell = Pattern.compile("<td class=\"number(?: rejected)?(?: alert)?\">(\\d+)</td>").matcher(row);
        while (cell.find()) {
            numbers.add(Long.valueOf(cell.group(1)));
        }
        return numbers;
    }

    /** hub_ingest_documents_total as Prometheus reads it: channel/department/outcome → count. */
    private Map<String, Double> scrape() throws Exception {
        Map<String, Double> series = new HashMap<>();
        Matcher m = SERIES.matcher(text("/actuator/prometheus"));
        while (m.find()) {
            Map<String, String> labels = new HashMap<>();
            for (String label : m.group(1).split(",")) {
                String[] pair = label.split("=", 2);
                labels.put(pair[0], pair[1].replace("\"", ""));
            }
            series.put(labels.get("channel") + "/" + labels.get("department") + "/" + labels.get("outcome"),
                    Double.valueOf(m.group(2)));
        }
        return series;
    }

    private long entries(String updateId) {
        return jdbc.queryForObject("select count(*) from ledger_entry where update_id = ?", Long.class, updateId);
    }

    static JsonNode channel(JsonNode report, String name) {
        for (JsonNode channel : report.path("channels")) {
            if (channel.path("channel").asText().equals(name)) {
                return channel;
            }
        }
        throw new AssertionError("no channel " + name + " in " + report);
    }

    static JsonNode row(JsonNode channel, String department) {
        for (JsonNode row : channel.path("departments")) {
            if (row.path("department").asText().equals(department)) {
                return row;
            }
        }
        throw new AssertionError("no row " + department + " in " + channel);
    }
}
