package org.rectificationhub.ingest.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rectificationhub.HubApplication;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ingest.Reasons;
import org.rectificationhub.ledger.Quarantine;
import org.rectificationhub.ops.ActionResult;
import org.rectificationhub.ops.quarantine.QuarantineActions;
import org.rectificationhub.support.FaultyDatabase;
import org.rectificationhub.support.HubFolders;
import org.rectificationhub.support.KafkaClient;
import org.rectificationhub.support.Updates;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.rectificationhub.support.KafkaTestBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one intake path seen from two channels at once, Kafka and file drops, on one hub: the hub's own failures
 * (a database that times out or drops its connection, a broken mapping) are never blamed on the sender, and the
 * same document gets the same answer whichever way it came.
 */
@SpringBootTest(classes = HubApplication.class, properties = {
        "hub.kafka.bootstrap-servers=${test.kafka.brokers}",
        "hub.kafka.metadata-max-age=1000",
        "hub.retry.attempts=2",
        "hub.retry.delay=50"})
@Import(FaultyDatabase.class)
@KafkaTestBroker(partitions = 1, topics = {
        "rectification.updates.rectification-office", "rectification.updates.economic-development",
        "rectification.updates.party-building", "rectification.receipts.rectification-office",
        "rectification.receipts.economic-development", "rectification.receipts.party-building"})
class IntakeAcrossChannelsTest {

    static final HubFolders hub = HubFolders.create();
    static final String ROUND = "dg-xc1-guancheng-2024"; // the mapped example names the example round
    static final String ECONOMY = "economic-development";
    static final AtomicLong sequence = new AtomicLong(100);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.registerWithKafka(registry);
    }

    @Value("${test.kafka.brokers}")
    String brokers;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Quarantine quarantine;
    @Autowired
    HealthEndpoint health;
    @Autowired
    QuarantineActions actions;

    KafkaClient kafka;

    @BeforeEach
    void registerTheRoundOnce() {
        kafka = new KafkaClient(brokers);
        if (entries("round-" + ROUND) == 0) {
            kafka.send(Updates.OFFICE, ROUND, Updates.round(ROUND));
            kafka.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> entries("round-" + ROUND) == 1);
        }
    }

    @AfterEach
    void disconnect() {
        FaultyDatabase.heal();
        kafka.close();
    }

    static Stream<Arguments> transientDatabaseFailures() {
        return Stream.of(
                Arguments.of("lock-timeout", (Supplier<SQLException>) () ->
                        new SQLTimeoutException("Timeout trying to lock table \"LEDGER_HEAD\"", "HYT00", 50200)),
                Arguments.of("lock-not-available", (Supplier<SQLException>) () ->
                        new SQLException("could not obtain lock on row in relation \"ledger_head\"", "55P03")),
                Arguments.of("serialization-failure", (Supplier<SQLException>) () ->
                        new SQLException("could not serialize access due to concurrent update", "40001")),
                Arguments.of("query-timeout", (Supplier<SQLException>) () ->
                        new SQLTimeoutException("canceling statement due to statement timeout", "57014")),
                Arguments.of("connection-reset", (Supplier<SQLException>) () ->
                        new SQLTransientConnectionException("Connection reset", "08006")),
                Arguments.of("connection-recoverable", (Supplier<SQLException>) () ->
                        new SQLRecoverableException("I/O error: the connection was lost", "08003")),
                Arguments.of("connection-refused", (Supplier<SQLException>) () ->
                        new SQLNonTransientConnectionException("Connection refused", "08001")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transientDatabaseFailures")
    void aTransientDatabaseFailureMidBatchAcknowledgesNothingQuarantinesNothingAndRecordsEverythingOnceAfterwards(
            String name, Supplier<SQLException> failure) throws Exception {
        long quarantinedBefore = quarantined();
        Map<TopicPartition, Long> offsetsBefore = committedOffsets();
        FaultyDatabase.failWith("insert into ledger_entry", failure);

        List<String> viaKafka = List.of(name + "-k1", name + "-k2", name + "-k3");
        viaKafka.forEach(id -> kafka.send(ECONOMY, id, Updates.bytes(update(id))));
        kafka.flush();
        String file = name + ".json";
        hub.drop(ECONOMY, file, CanonicalJson.write(CanonicalJson.mapper().createArrayNode()
                .add(update(name + "-f1")).add(update(name + "-f2"))));

        // Both channels have tried and retried (3 attempts each) more than once while the database fails.
        await().atMost(Duration.ofSeconds(60)).until(() -> FaultyDatabase.hits() >= 12);
        assertThat(quarantined()).as("nothing quarantined").isEqualTo(quarantinedBefore);
        assertThat(hub.inbox(ECONOMY).resolve(file)).as("the file is not acknowledged").exists();
        assertThat(committedOffsets()).as("the offsets are not committed").isEqualTo(offsetsBefore);
        assertThat(kafka.receiptsUntil(all -> true, 1, TimeUnit.SECONDS).stream()
                .filter(r -> r.path("updateId").asText().startsWith(name))).as("no receipt").isEmpty();

        FaultyDatabase.heal();
        List<JsonNode> receipts = kafka.receiptsUntil(all -> KafkaClient.about(all, name + "-k").size() >= 3, 60,
                TimeUnit.SECONDS);
        hub.awaitInboxEmpty(Duration.ofSeconds(30));
        // Recorded either way: the file's and the records' updates race for the same problem, so the one with the
        // lower sequence may arrive second and be kept in history only (stale).
        assertThat(KafkaClient.about(receipts, name + "-k")).extracting(r -> r.path("status").asText())
                .isSubsetOf("accepted", "stale");
        for (String id : List.of(name + "-k1", name + "-k2", name + "-k3", name + "-f1", name + "-f2")) {
            assertThat(entries(id)).as(id + " recorded exactly once").isEqualTo(1);
        }
        assertThat(quarantined()).isEqualTo(quarantinedBefore);
        assertThat(hub.files("archive")).anyMatch(p -> p.getFileName().toString().endsWith("-" + file));
    }

    @Test
    void aMappingThatDoesNotCompileParksItsDepartmentsInputsAloneAndOnceMendedTheirReplayIsRecordedAndReceipted()
            throws Exception {
        Path mapping = Files.createDirectories(hub.dataDir().resolve("mappings")).resolve("party-building.jslt");
        Files.writeString(mapping, "{ \"kind\": \"progress\", ");
        byte[] departmentShape = getClass().getClassLoader()
                .getResourceAsStream("schemas/mappings/party-building.example.json").readAllBytes();
        byte[] fileShape = new String(departmentShape, StandardCharsets.UTF_8)
                .replace("djb-2024-10-15-0007", "djb-2024-10-15-0008").replace("\"xh\": 7", "\"xh\": 8")
                .getBytes(StandardCharsets.UTF_8);
        long parkedId;
        RecordMetadata held;
        try {
            held = kafka.send("party-building", "mapped", departmentShape).get();
            kafka.send(ECONOMY, "fine", Updates.bytes(update("mapping-other-1")));
            kafka.flush();
            hub.drop("party-building", "mapped.json", fileShape);
            hub.drop(ECONOMY, "mapping-other.json", Updates.bytes(update("mapping-other-2")));

            List<JsonNode> receipts = kafka.receiptsUntil(all -> at(all, held) != null
                    && !KafkaClient.about(all, "mapping-other-").isEmpty(), 30, TimeUnit.SECONDS);
            assertThat(KafkaClient.about(receipts, "mapping-other-")).singleElement()
                    .satisfies(r -> assertThat(r.path("status").asText()).isEqualTo("accepted"));
            JsonNode parked = at(receipts, held);
            assertThat(parked.path("status").asText()).as("the hub's fault, not the sender's").isEqualTo("parked");
            assertThat(parked.path("reason").asText()).isEqualTo(Reasons.PARKED);
            parkedId = parked.path("quarantineId").asLong();
            assertThat(quarantine.original(parkedId)).isEqualTo(departmentShape);

            Path parkedFile = hub.awaitMoved("error", "-mapped.json", Duration.ofSeconds(30));
            assertThat(HubFolders.reasonBeside(parkedFile)).contains("PARKED", Reasons.PARKED);
            hub.awaitMoved("archive", "-mapping-other.json", Duration.ofSeconds(30));
            assertThat(entries("mapping-other-2")).as("the other department's file recorded").isEqualTo(1);
            assertThat(jdbc.queryForList("select hub_fault, reason from quarantine where department = 'party-building'"))
                    .hasSize(2).allSatisfy(row -> {
                        assertThat(row.get("hub_fault")).as("never blamed on the sender").isEqualTo(true);
                        assertThat((String) row.get("reason")).contains("mappings/party-building.jslt");
                    });

            HealthDescriptor mappings = health.healthForPath("mappings");
            assertThat(mappings.getStatus().getCode()).isEqualTo("DEGRADED");
            assertThat(CanonicalJson.write(mappings)).contains("party-building", "mappings/party-building.jslt");
        } finally {
            Files.delete(mapping);
        }
        assertThat(health.healthForPath("mappings").getStatus().getCode()).isEqualTo("UP");

        for (long id : jdbc.queryForList("select id from quarantine where department = 'party-building'", Long.class)) {
            ActionResult replayed = actions.replay(id, "operator", "mapping mended");
            assertThat(replayed.isDone()).as(replayed.message()).isTrue();
            assertThat(replayed.message()).startsWith("recorded as entry");
        }
        assertThat(entries("djb-2024-10-15-0007") + entries("djb-2024-10-15-0008")).isEqualTo(2);
        List<JsonNode> receipts = kafka.receiptsUntil(all -> all.stream().filter(r -> sameRecord(r, held)).count() >= 2,
                30, TimeUnit.SECONDS);
        assertThat(receipts.stream().filter(r -> sameRecord(r, held)).map(r -> r.path("status").asText()))
                .as("the sender told again once its record is recorded").containsExactly("parked", "accepted");
        assertThat(receipts.stream().filter(r -> sameRecord(r, held) && r.path("status").asText().equals("accepted"))
                .findFirst().orElseThrow().path("updateId").asText()).isEqualTo("djb-2024-10-15-0007");
    }

    @Test
    void theSameDocumentThroughFileAndKafkaGetsTheSameOutcomeAndReason() {
        ObjectNode invalid = update("same-invalid-1").put("status", "half-done");
        ObjectNode unknownRound = update("same-unknown-1").put("roundId", "no-such-round");
        for (ObjectNode document : List.of(invalid, unknownRound)) {
            String id = document.path("updateId").asText();
            kafka.send(ECONOMY, id, Updates.bytes(document));
            hub.drop(ECONOMY, id + ".json", Updates.bytes(document));
        }
        kafka.flush();

        List<JsonNode> receipts = kafka.receiptsUntil(all -> KafkaClient.about(all, "same-").size() >= 2, 30,
                TimeUnit.SECONDS);
        hub.awaitInboxEmpty(Duration.ofSeconds(30));
        Map<String, String> fileReasons = quarantine.recent(50).stream()
                .filter(q -> "file".equals(q.get("channel")) && String.valueOf(q.get("updateId")).startsWith("same-"))
                .collect(Collectors.toMap(q -> (String) q.get("updateId"), q -> (String) q.get("reason")));
        assertThat(fileReasons).hasSize(2);
        for (JsonNode receipt : KafkaClient.about(receipts, "same-")) {
            assertThat(receipt.path("status").asText()).isEqualTo("rejected");
            assertThat(receipt.path("reason").asText()).isEqualTo(fileReasons.get(receipt.path("updateId").asText()));
        }
        assertThat(fileReasons.get("same-invalid-1")).contains("$.status");
        assertThat(fileReasons.get("same-unknown-1")).contains("unknown round 'no-such-round'");
    }

    @Test
    void aHugeHeaderValueIsQuotedByAShortPrefixAndKeptBounded() throws Exception {
        RecordMetadata sent = kafka.send(ECONOMY, "huge", Updates.bytes(update("huge-header-1")),
                Map.of("ce_specversion", "9".repeat(120_000))).get();
        kafka.flush();

        List<JsonNode> receipts = kafka.receiptsUntil(all -> at(all, sent) != null, 30, TimeUnit.SECONDS);
        JsonNode receipt = at(receipts, sent);
        assertThat(receipt.path("status").asText()).isEqualTo("rejected");
        String reason = receipt.path("reason").asText();
        assertThat(reason).startsWith("header ce_specversion: CloudEvents '9999").contains("(120000 characters)",
                "expected 1.0");
        assertThat(reason.length()).isLessThan(200);
        String headers = jdbc.queryForObject("select i.headers from quarantine q join quarantine_input i"
                + " on i.id = q.input_id where q.id = ?", String.class, receipt.path("quarantineId").asLong());
        assertThat(headers).contains("ce_specversion");
        assertThat(headers.length()).isLessThan(1000);
    }

    private static ObjectNode update(String updateId) {
        return Updates.progress(ROUND, ECONOMY, 1, sequence.incrementAndGet(), updateId);
    }

    private static boolean sameRecord(JsonNode receipt, RecordMetadata sent) {
        return receipt.path("topic").asText().equals(sent.topic()) && receipt.path("offset").asLong() == sent.offset();
    }

    private static JsonNode at(List<JsonNode> receipts, RecordMetadata sent) {
        return receipts.stream().filter(r -> r.path("topic").asText().equals(sent.topic())
                && r.path("offset").asLong() == sent.offset()).findFirst().orElse(null);
    }

    private long entries(String updateId) {
        return jdbc.queryForObject("select count(*) from ledger_entry where update_id = ?", Long.class, updateId);
    }

    private long quarantined() {
        return jdbc.queryForObject("select count(*) from quarantine", Long.class);
    }

    private Map<TopicPartition, Long> committedOffsets() throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("rectification-hub")
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            return offsets.entrySet().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }
}
