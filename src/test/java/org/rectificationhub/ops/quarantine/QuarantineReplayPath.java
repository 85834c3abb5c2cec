package org.rectificationhub.ops.quarantine;

import org.rectificationhub.support.JsonBodies;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ledger.Quarantine;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.FaultyDatabase;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rectificationhub.support.Examples.ECONOMY;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.rectificationhub.support.Examples.URBAN;

/**
 * Operators replay and discard quarantined documents through the API: a replay goes through the one intake path as
 * its channel, department and source, records the document once, and the quarantine row says what became of it.
 * Run on the embedded database and on PostgreSQL by the subclasses. Each test uses a round of its own.
 */
@AutoConfigureTestRestTemplate
abstract class QuarantineReplayPath {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Quarantine quarantine;

    abstract HubFolders hub();

    @AfterEach
    void heal() {
        FaultyDatabase.heal();
    }

    @Test
    void aDocumentQuarantinedForAnUnregisteredRoundIsRecordedOnceWhenReplayedAfterTheRoundIsRegistered() {
        String round = "dg-replay-once";
        long id = quarantined(ECONOMY, "early.json", progress(round, "econ-early", 1)).get(0);

        JsonNode tooSoon = post("/api/quarantine/" + id + "/replay?comment=trying", 200);
        assertThat(tooSoon.get("result").asText()).isEqualTo("rejected");
        assertThat(tooSoon.get("state").asText()).isEqualTo("open");
        assertThat(tooSoon.get("message").asText()).startsWith("rejected again: roundId: unknown round");

        register(round);
        JsonNode replayed = post("/api/quarantine/" + id + "/replay?comment=round registered since", 200);
        JsonNode again = post("/api/quarantine/" + id + "/replay", 200);

        long entry = replayed.get("entryId").asLong();
        assertThat(replayed.get("result").asText()).isEqualTo("accepted");
        assertThat(replayed.get("state").asText()).isEqualTo("replayed");
        assertThat(again.get("result").asText()).isEqualTo("duplicate");
        assertThat(again.get("entryId").asLong()).isEqualTo(entry);
        assertThat(again.get("message").asText()).contains("duplicate", "already recorded as entry " + entry);
        assertThat(jdbc.queryForList("select channel, department, source from ledger_entry where update_id = ?",
                "econ-early")).singleElement().satisfies(row -> {
                    assertThat(row.get("channel")).isEqualTo("file");
                    assertThat(row.get("department")).isEqualTo(ECONOMY);
                    // the file it came from and its input's hash, as when it was first taken
                    assertThat((String) row.get("source")).matches(ECONOMY + "/early\\.json sha256:[0-9a-f]{64}");
                });
        JsonNode row = row(id, "/api/quarantine?state=replayed&department=" + ECONOMY);
        assertThat(row.at("/resolution/result").asText()).isEqualTo("duplicate");
        assertThat(row.at("/resolution/entryId").asLong()).isEqualTo(entry);
        assertThat(row.at("/resolution/actor").asText()).isEqualTo("operator");

        JsonNode audit = get("/api/audit?action=quarantine.replay&target=quarantine/" + id);
        assertThat(audit.findValuesAsText("outcome")).containsExactly("done", "done", "done");
        assertThat(audit.findValuesAsText("detail")).containsExactly(again.get("message").asText(),
                "recorded as entry " + entry, tooSoon.get("message").asText());
        assertThat(audit.get(1).get("comment").asText()).isEqualTo("round registered since");
        assertThat(audit.get(0).get("actor").asText()).isEqualTo("operator");
    }

    @Test
    void aReplayedKafkaRecordsReceiptIsOwedToItsDepartmentInTheReplaysTransaction() {
        String round = "dg-replay-receipted";
        byte[] record = progress(round, "kafka-receipted", 1).getBytes(StandardCharsets.UTF_8);
        String source = "rectification.updates." + ECONOMY + "-2@41";
        long id = quarantine.record(new Quarantine.Input("kafka", ECONOMY, source, record.length,
                CanonicalJson.sha256(record), record, null, null, null, Instant.now()),
                List.of(new Quarantine.Rejected(1, "kafka-receipted", "roundId: unknown round", null))).get(0);
        register(round);

        JsonNode replayed = post("/api/quarantine/" + id + "/replay?comment=round registered since", 200);

        assertThat(replayed.get("result").asText()).isEqualTo("accepted");
        assertThat(jdbc.queryForList("select topic, body from kafka_receipt_owed where receipt_key = 'kafka-receipted'"))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("topic")).isEqualTo("rectification.receipts." + ECONOMY);
                    JsonNode receipt = JsonBodies.read((String) row.get("body"));
                    assertThat(receipt.get("topic").asText()).isEqualTo("rectification.updates." + ECONOMY);
                    assertThat(receipt.get("partition").asInt()).isEqualTo(2);
                    assertThat(receipt.get("offset").asLong()).isEqualTo(41);
                    assertThat(receipt.get("status").asText()).isEqualTo("accepted");
                    assertThat(receipt.get("entryId").asLong()).isEqualTo(replayed.get("entryId").asLong());
                });
    }

    @Test
    void aReplayedDocumentCannotBeDiscarded() {
        String round = "dg-replay-kept";
        long id = quarantined(ECONOMY, "kept.json", progress(round, "econ-kept", 1)).get(0);
        register(round);
        long entry = post("/api/quarantine/" + id + "/replay", 200).get("entryId").asLong();

        JsonNode refused = post("/api/quarantine/" + id + "/discard?comment=not wanted", 409);

        assertThat(refused.get("error").asText()).contains("recorded as entry " + entry, "cannot be discarded");
        assertThat(row(id, "/api/quarantine?state=replayed").get("state").asText()).isEqualTo("replayed");
        assertThat(get("/api/audit?action=quarantine.discard&target=quarantine/" + id).get(0).get("outcome").asText())
                .isEqualTo("refused");
    }

    @Test
    void replayingOneDocumentOfAnArrayRecordsThatDocumentAlone() {
        String round = "dg-replay-array";
        ArrayNode array = CanonicalJson.mapper().createArrayNode()
                .add(progressNode(round, "econ-array-1", 1)).add(progressNode(round, "econ-array-2", 2))
                .add(progressNode(round, "econ-array-3", 3));
        List<Long> ids = quarantined(ECONOMY, "three.json", array.toString());
        assertThat(ids).hasSize(3);
        register(round);

        JsonNode second = post("/api/quarantine/" + ids.get(1) + "/replay", 200);

        assertThat(second.get("result").asText()).isEqualTo("accepted");
        assertThat(jdbc.queryForList("select update_id from ledger_entry where update_id like 'econ-array-%'",
                String.class)).containsExactly("econ-array-2");
        assertThat(row(ids.get(0), "/api/quarantine?state=open").get("documentIndex").asInt()).isEqualTo(1);
        assertThat(row(ids.get(2), "/api/quarantine?state=open").get("documentIndex").asInt()).isEqualTo(3);
        assertThat(row(ids.get(1), "/api/quarantine?state=replayed").get("documentIndex").asInt()).isEqualTo(2);
    }

    @Test
    void aReplayIsTakenFromItsSenderSoADepartmentStillCannotReportAsAnother() {
        String round = "dg-replay-sender";
        register(round);
        long id = quarantined(URBAN, "as-economy.json", progress(round, "urban-as-economy", 1)).get(0);

        JsonNode replayed = post("/api/quarantine/" + id + "/replay", 200);

        assertThat(replayed.get("result").asText()).isEqualTo("rejected");
        assertThat(replayed.get("state").asText()).isEqualTo("open");
        assertThat(replayed.get("reason").asText()).contains(URBAN);
        assertThat(jdbc.queryForObject("select count(*) from ledger_entry where update_id = 'urban-as-economy'",
                Integer.class)).isZero();
        assertThat(row(id, "/api/quarantine?state=open").at("/resolution/result").asText()).isEqualTo("rejected");
    }

    @Test
    void aDiscardNeedsACommentAndADiscardedDocumentIsNeitherReplayedNorDiscardedAgain() {
        long id = quarantined(ECONOMY, "unwanted.json", progress("dg-never-registered", "econ-unwanted", 1)).get(0);

        JsonNode blank = post("/api/quarantine/" + id + "/discard?comment=  ", 400);
        JsonNode none = post("/api/quarantine/" + id + "/discard", 400);
        assertThat(row(id, "/api/quarantine?state=open").get("resolution").isNull()).isTrue();
        JsonNode discarded = post("/api/quarantine/" + id + "/discard?comment=sent again as econ-7", 200);
        JsonNode replay = post("/api/quarantine/" + id + "/replay", 409);
        JsonNode twice = post("/api/quarantine/" + id + "/discard?comment=again", 409);

        assertThat(blank.get("error").asText()).startsWith("comment: say why");
        assertThat(none.get("error").asText()).startsWith("comment: say why");
        assertThat(discarded.get("state").asText()).isEqualTo("discarded");
        assertThat(replay.get("error").asText()).contains("discarded by operator", "sent again as econ-7",
                "not replayed");
        assertThat(twice.get("error").asText()).contains("already discarded");
        JsonNode row = row(id, "/api/quarantine?state=discarded");
        assertThat(row.at("/resolution/detail").asText()).isEqualTo("sent again as econ-7");
        assertThat(get("/api/audit?action=quarantine&target=quarantine/" + id).findValuesAsText("outcome"))
                .containsExactly("refused", "refused", "done", "refused", "refused");
    }

    @Test
    void anUnknownQuarantineIdIsNotFound() {
        assertThat(post("/api/quarantine/999999/replay", 404).get("error").asText()).contains("#999999");
        assertThat(post("/api/quarantine/999999/discard?comment=gone", 404).get("error").asText()).contains("#999999");
    }

    @Test
    void theHubsOwnFailureDuringAReplayIsUnavailableAndChangesNothing() {
        String round = "dg-replay-outage";
        long id = quarantined(ECONOMY, "outage.json", progress(round, "econ-outage", 1)).get(0);
        register(round);
        FaultyDatabase.failWith("insert into ledger_entry", () -> new SQLException("connection reset", "08006"));

        JsonNode failed = post("/api/quarantine/" + id + "/replay", 503);

        FaultyDatabase.heal();
        assertThat(failed.get("error").asText()).contains("database is unavailable", "nothing was changed");
        JsonNode row = row(id, "/api/quarantine?state=open");
        assertThat(row.get("resolution").isNull()).isTrue();
        assertThat(get("/api/audit?target=quarantine/" + id).get(0).get("outcome").asText()).isEqualTo("failed");
        assertThat(post("/api/quarantine/" + id + "/replay", 200).get("result").asText()).isEqualTo("accepted");
    }

    @Test
    void filtersNarrowTheQuarantineAndAWrongFilterIsRefusedSayingWhy() {
        Instant before = Instant.now().minusSeconds(1);
        long id = quarantined(URBAN, "filtered.json", "{ \"kind\": \"progress\", \"broken\": tru }").get(0);

        assertThat(ids("/api/quarantine?channel=file&department=" + URBAN + "&reason=NOT VALID json"))
                .contains(id);
        assertThat(ids("/api/quarantine?from=" + before + "&state=open")).contains(id);
        assertThat(ids("/api/quarantine?to=" + before)).doesNotContain(id);
        assertThat(ids("/api/quarantine?channel=kafka")).doesNotContain(id);
        assertThat(ids("/api/quarantine?department=" + OFFICE)).doesNotContain(id);
        assertThat(ids("/api/quarantine?reason=100%")).doesNotContain(id);
        assertThat(ids("/api/quarantine?state=discarded")).doesNotContain(id);
        assertThat(getStatus("/api/quarantine?state=lost")).isEqualTo(400);
        assertThat(JsonBodies.read(operator().getForEntity("/api/quarantine?from=yesterday", String.class).getBody())
                .get("error")
                .asText()).startsWith("from: expected a date");
    }

    // --- fixtures

    private static String progress(String round, String updateId, int sequence) {
        return progressNode(round, updateId, sequence).toString();
    }

    private static ObjectNode progressNode(String round, String updateId, int sequence) {
        return Examples.progressJson().put("roundId", round).put("updateId", updateId).put("sequence", sequence);
    }

    /** Drops a file and returns the ids of its quarantined documents, in document order. */
    private List<Long> quarantined(String department, String name, String content) {
        hub().drop(department, name, content);
        hub().awaitMoved("error", name, Duration.ofSeconds(30));
        String source = department + "/" + name;
        JsonNode rows = await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/quarantine?department="
                + department), r -> r.findValuesAsText("source").contains(source));
        return StreamSupport.stream(rows.spliterator(), false).filter(r -> source.equals(r.get("source").asText()))
                .map(r -> r.get("id").asLong()).sorted().toList();
    }

    private void register(String round) {
        ObjectNode json = Examples.roundJson().put("updateId", "round-" + round);
        ((ObjectNode) json.get("round")).put("roundId", round);
        hub().drop(OFFICE, round + ".json", json.toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/rounds").findValuesAsText("roundId")
                .contains(round));
    }

    private JsonNode row(long id, String query) {
        return StreamSupport.stream(get(query).spliterator(), false).filter(r -> r.get("id").asLong() == id)
                .findFirst().orElseThrow(() -> new AssertionError("quarantine #" + id + " not in " + query));
    }

    private List<Long> ids(String query) {
        return StreamSupport.stream(get(query).spliterator(), false).map(r -> r.get("id").asLong()).toList();
    }

    /** Paths are written plainly (spaces, %): the template encodes them. */
    private TestRestTemplate operator() {
        return http.withBasicAuth("operator", HubFolders.OPERATOR_PASSWORD);
    }

    private JsonNode get(String path) {
        ResponseEntity<String> response = operator().getForEntity(path, String.class);
        assertThat(response.getStatusCode().value()).as(path).isEqualTo(200);
        return JsonBodies.read(response.getBody());
    }

    private int getStatus(String path) {
        return operator().getForEntity(path, String.class).getStatusCode().value();
    }

    private JsonNode post(String path, int expectedStatus) {
        ResponseEntity<String> response = operator().postForEntity(path, null, String.class);
        assertThat(response.getStatusCode().value()).as(path + ": " + response.getBody()).isEqualTo(expectedStatus);
        return JsonBodies.read(response.getBody());
    }
}
