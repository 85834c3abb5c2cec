package org.rectificationhub.ops.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.support.FaultyDatabase;
import org.rectificationhub.support.MailBox;
import org.rectificationhub.support.OpsHub;
import org.rectificationhub.support.Updates;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GET /api/lineage: a problem's reports from file drops and mail in commit order, each traced to its source (file
 * name and hash; Message-ID, part and hash) and to every delivery target, and the documents rejected under their
 * updateIds; a bounded search.
 */
class LineageApiTest extends OpsHub {

    static final String ROUND = "lineage-r1";
    static final String ECONOMY = "economic-development";

    @Autowired
    JdbcTemplate jdbc;

    byte[] fromFile;
    byte[] fromMail;

    @BeforeEach
    void aProblemReportedByFileAndByMail() throws Exception {
        if (entries("round-" + ROUND) > 0) {
            return;
        }
        hub.drop(Updates.OFFICE, "lineage-round.json", Updates.round(ROUND));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("select count(*) from outbox o join"
                + " ledger_entry e on e.id = o.entry_id where e.update_id = ? and o.delivered_at is not null",
                Long.class, "round-" + ROUND) == 2);
        // The commission's relay fails from here on (until the timeline test heals it): its rows stay pending with
        // the error, while the site's are delivered.
        FaultyDatabase.failWith("insert into commission_entry", () -> new SQLException("disk full", "53100"));
        hub.drop(ECONOMY, "weekly.json", Updates.bytes(Updates.progress(ROUND, ECONOMY, 1, 5, "lin-file-5")));
        await().atMost(Duration.ofSeconds(20)).until(() -> entries("lin-file-5") == 1);
        mail.send(MailBox.attachmentsMail("lin-6", ECONOMY + "@localhost", "进展", List.of(new MailBox.Attachment(
                "第6次.json", Updates.bytes(Updates.progress(ROUND, ECONOMY, 1, 6, "lin-mail-6"))))));
        await().atMost(Duration.ofSeconds(30)).until(() -> entries("lin-mail-6") == 1);
        // an older report arriving late is kept in history (stale); an updateId used again with other content is not
        hub.drop(ECONOMY, "weekly.json", Updates.bytes(Updates.progress(ROUND, ECONOMY, 1, 4, "lin-file-4")));
        await().atMost(Duration.ofSeconds(20)).until(() -> entries("lin-file-4") == 1);
        hub.drop(ECONOMY, "again.json", Updates.bytes(Updates.progress(ROUND, ECONOMY, 1, 7, "lin-file-5")
                .put("progress", "另一份内容")));
        hub.awaitInboxEmpty(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(20)).until(() -> FaultyDatabase.hits() > 0);
    }

    @AfterAll
    static void heal() {
        FaultyDatabase.heal();
    }

    @Test
    void aProblemsTimelineTracesEveryEntryToItsChannelsSourceAndToEveryDeliveryTarget() throws Exception {
        JsonNode timeline = await().atMost(Duration.ofSeconds(20)).until(() -> problemOne(), t ->
                deliveries(t, "publication").stream().allMatch(d -> d.path("state").asText().equals("delivered"))
                        && deliveries(t, "commission").stream().skip(1)
                        .allMatch(d -> d.path("state").asText().equals("failed")));
        assertThat(timeline.path("title").asText()).isNotEmpty();
        assertThat(timeline.path("total").asLong()).isEqualTo(4);
        List<JsonNode> entries = list(timeline.path("entries"));
        assertThat(entries).extracting(e -> e.path("updateId").asText())
                .containsExactly("round-" + ROUND, "lin-file-5", "lin-mail-6", "lin-file-4");
        assertThat(entries).extracting(e -> e.path("channel").asText()).containsExactly("file", "file", "mail", "file");
        assertThat(entries).extracting(e -> e.path("outcome").asText())
                .containsExactly("accepted", "accepted", "accepted", "stale");
        assertThat(entries).extracting(e -> e.path("entryId").asLong()).isSorted();
        for (JsonNode entry : entries) {
            assertThat(entry.path("entryHash").asText()).isEqualTo(jdbc.queryForObject(
                    "select entry_hash from ledger_entry where id = ?", String.class, entry.path("entryId").asLong()));
        }

        JsonNode file = entries.get(1);
        assertThat(file.path("department").asText()).isEqualTo(ECONOMY);
        assertThat(file.at("/source/folder").asText()).isEqualTo(ECONOMY);
        assertThat(file.at("/source/file").asText()).isEqualTo("weekly.json");
        assertThat(file.at("/source/sha256").asText()).isEqualTo(CanonicalJson.sha256(
                Updates.bytes(Updates.progress(ROUND, ECONOMY, 1, 5, "lin-file-5"))));
        assertThat(entries.get(3).at("/source/sha256").asText()).as("the same name, another file")
                .isNotEqualTo(file.at("/source/sha256").asText());
        JsonNode mailed = entries.get(2);
        assertThat(mailed.at("/source/messageId").asText()).isEqualTo("<lin-6@office.example>");
        assertThat(mailed.at("/source/label").asText()).isEqualTo("第6次.json");
        assertThat(mailed.at("/source/part").asInt()).isPositive();
        assertThat(mailed.at("/source/sha256").asText()).isEqualTo(CanonicalJson.sha256(
                Updates.bytes(Updates.progress(ROUND, ECONOMY, 1, 6, "lin-mail-6"))));

        JsonNode site = deliveries(timeline, "publication").get(1);
        assertThat(site.path("deliveredAt").asText()).isNotEmpty();
        assertThat(deliveries(timeline, "commission").get(0).path("state").asText()).as("delivered before the fault")
                .isEqualTo("delivered");
        JsonNode commission = deliveries(timeline, "commission").get(1);
        assertThat(commission.path("deliveredAt").isNull()).isTrue();
        assertThat(commission.path("attempts").asInt()).isPositive();
        assertThat(commission.path("lastError").asText()).contains("disk full");

        assertThat(list(timeline.path("quarantined"))).singleElement().satisfies(q -> {
            assertThat(q.path("updateId").asText()).isEqualTo("lin-file-5");
            assertThat(q.path("source").asText()).isEqualTo(ECONOMY + "/again.json");
            assertThat(q.path("reason").asText()).contains("already used for entry " + file.path("entryId").asLong());
        });

        FaultyDatabase.heal();
        JsonNode healed = await().atMost(Duration.ofSeconds(60)).until(() -> problemOne(), t ->
                deliveries(t, "commission").stream().allMatch(d -> d.path("state").asText().equals("delivered")));
        assertThat(deliveries(healed, "commission")).allSatisfy(d -> assertThat(d.path("deliveredAt").asText())
                .isNotEmpty());
    }

    @Test
    void aProblemTheLedgerDoesNotKnowIsNotFound() throws Exception {
        assertThat(status("/api/lineage/rounds/" + ROUND + "/problems/99")).isEqualTo(404);
        assertThat(status("/api/lineage/rounds/no-such-round/problems/1")).isEqualTo(404);
    }

    @Test
    void aSearchByUpdateIdFindsItsEntryAndTheDocumentsRejectedUnderIt() throws Exception {
        JsonNode found = json("/api/lineage?updateId=lin-file-5");
        assertThat(list(found.path("entries"))).singleElement().satisfies(e -> {
            assertThat(e.path("channel").asText()).isEqualTo("file");
            assertThat(e.path("roundId").asText()).isEqualTo(ROUND);
        });
        assertThat(list(found.path("quarantined"))).extracting(q -> q.path("updateId").asText())
                .containsExactly("lin-file-5");
        assertThat(list(json("/api/lineage?updateId=lin-mail-6&department=" + ECONOMY).path("entries")))
                .singleElement().satisfies(e -> assertThat(e.path("channel").asText()).isEqualTo("mail"));
        assertThat(json("/api/lineage?updateId=lin-mail-6&department=urban-management").path("entries")).isEmpty();
        assertThat(json("/api/lineage?updateId=nobody-sent-this").path("entries")).isEmpty();
    }

    @Test
    void aSearchIsBoundedNewestFirstAndSaysWhenMoreMatch() throws Exception {
        JsonNode two = json("/api/lineage?round=" + ROUND + "&department=" + ECONOMY + "&limit=2");
        assertThat(two.path("truncated").asBoolean()).isTrue();
        assertThat(list(two.path("entries"))).extracting(e -> e.path("updateId").asText())
                .containsExactly("lin-file-4", "lin-mail-6");
        JsonNode all = json("/api/lineage?round=" + ROUND + "&problem=1");
        assertThat(all.path("truncated").asBoolean()).isFalse();
        assertThat(list(all.path("entries"))).hasSize(3);
        assertThat(json("/api/lineage?round=" + ROUND + "&limit=1000000").path("limit").asInt())
                .isEqualTo(Lineage.MAX_LIMIT);
        assertThat(status("/api/lineage?problem=1")).as("a problem number without its round").isEqualTo(400);
    }

    private JsonNode problemOne() throws Exception {
        return json("/api/lineage/rounds/" + ROUND + "/problems/1");
    }

    private static List<JsonNode> deliveries(JsonNode timeline, String target) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode entry : timeline.path("entries")) {
            for (JsonNode delivery : entry.path("deliveries")) {
                if (delivery.path("target").asText().equals(target)) {
                    found.add(delivery);
                }
            }
        }
        return found;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private long entries(String updateId) {
        return jdbc.queryForObject("select count(*) from ledger_entry where update_id = ?", Long.class, updateId);
    }
}
