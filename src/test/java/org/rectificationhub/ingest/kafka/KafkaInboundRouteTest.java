package org.rectificationhub.ingest.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rectificationhub.HubApplication;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ledger.LedgerQueries;
import org.rectificationhub.ledger.Quarantine;
import org.rectificationhub.support.HubFolders;
import org.rectificationhub.support.KafkaClient;
import org.rectificationhub.support.Updates;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.rectificationhub.support.KafkaTestBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka channel against a real KRaft broker (KafkaTestBroker): the hub starts none of its own because
 * hub.kafka.bootstrap-servers names the embedded one. The ledger is the standalone H2 file in a temp data dir.
 */
@SpringBootTest(classes = HubApplication.class, properties = {
        "hub.kafka.bootstrap-servers=${test.kafka.brokers}",
        "hub.kafka.metadata-max-age=1000",
        "hub.retry.delay=50",
        "hub.operator.password=test-password"})
@KafkaTestBroker(partitions = 3, topics = {
        "rectification.updates.rectification-office", "rectification.updates.economic-development",
        "rectification.updates.urban-management", "rectification.updates.party-building",
        "rectification.receipts.rectification-office", "rectification.receipts.economic-development",
        "rectification.receipts.urban-management", "rectification.receipts.party-building"})
class KafkaInboundRouteTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        HubFolders.create().registerWithKafka(registry);
    }

    @Value("${test.kafka.brokers}")
    String brokers;
    @Autowired
    CamelContext camel;
    @Autowired
    LedgerQueries queries;
    @Autowired
    Quarantine quarantine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    KafkaClient kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaClient(brokers);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void tenThousandProgressUpdatesOverSeveralPartitionsMakeTenThousandEntriesAndReceipts() {
        String round = "t10k";
        register(round);
        int total = 10_000;
        long started = System.nanoTime();
        for (int i = 0; i < total; i++) {
            int p = i % 3;
            String department = Updates.RESPONSIBLE[p];
            ObjectNode update = Updates.progress(round, department, Updates.PROBLEMS[p], i + 1,
                    round + "-" + department + "-" + i);
            // Keyed per problem: one problem's updates stay in order on one partition, problems spread over several.
            kafka.send(department, round + "/" + p, Updates.bytes(update));
        }
        kafka.flush();
        List<JsonNode> receipts = kafka.receiptsUntil(all -> KafkaClient.about(all, round + "-").size() >= total,
                180, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf("MEASURED: %d progress updates recorded with receipts in %d ms (%.0f/s)%n", total, millis,
                total * 1000.0 / millis);

        List<JsonNode> ours = KafkaClient.about(receipts, round + "-");
        assertThat(ours).hasSize(total);
        assertThat(ours).allSatisfy(r -> assertThat(r.path("status").asText()).isEqualTo("accepted"));
        assertThat(ours.stream().map(r -> r.path("updateId").asText()).distinct()).hasSize(total);
        assertThat(ours.stream().map(r -> r.path("topic").asText() + "-" + r.path("partition").asInt()).distinct()
                .count()).isGreaterThan(1);
        assertThat(entries(round)).isEqualTo(total + 1L);
    }

    @Test
    void aPoisonRecordInTheMiddleOfABatchIsQuarantinedWithItsBytesAndTheOthersAreRecorded() throws Exception {
        String round = "poison";
        register(round);
        byte[] notJson = "{ this is not JSON, 整改".getBytes(StandardCharsets.UTF_8);
        ObjectNode invalid = Updates.progress(round, "economic-development", 1, 100, round + "-invalid");
        invalid.remove("status");
        byte[] plainText = "status: done".getBytes(StandardCharsets.UTF_8);
        List<RecordMetadata> poison = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            kafka.send("economic-development", round, Updates.bytes(
                    Updates.progress(round, "economic-development", 1, i, round + "-" + i)));
            if (i == 25) {
                poison.add(kafka.send("economic-development", round, notJson).get());
                poison.add(kafka.send("economic-development", round, Updates.bytes(invalid)).get());
                poison.add(kafka.send("economic-development", round, plainText).get());
            }
        }
        kafka.flush();

        List<JsonNode> receipts = kafka.receiptsUntil(all -> KafkaClient.about(all, round + "-").size() >= 51
                && offsetsOf(all, poison).size() == 3, 60, TimeUnit.SECONDS);
        assertThat(KafkaClient.about(receipts, round + "-")).filteredOn(r -> r.path("status").asText().equals("accepted"))
                .hasSize(50);
        List<JsonNode> rejected = offsetsOf(receipts, poison);
        assertThat(rejected).allSatisfy(r -> assertThat(r.path("status").asText()).isEqualTo("rejected"));
        assertThat(rejected.get(0).path("reason").asText()).contains("not valid JSON");
        assertThat(rejected.get(1).path("reason").asText()).contains("does not match schemas/progress.v1.schema.json");
        assertThat(rejected.get(2).path("reason").asText()).startsWith("not JSON: expected canonical JSON");
        assertThat(quarantine.original(rejected.get(0).path("quarantineId").asLong())).isEqualTo(notJson);
        assertThat(quarantine.original(rejected.get(1).path("quarantineId").asLong())).isEqualTo(Updates.bytes(invalid));
        assertThat(entries(round)).isEqualTo(51L);

        // No redelivery loop: the poison records are quarantined once and not taken again.
        Thread.sleep(1500);
        assertThat(offsetsOf(kafka.receiptsUntil(all -> true, 1, TimeUnit.SECONDS), poison)).hasSize(3);
        assertThat(jdbc.queryForObject("select count(*) from quarantine where source in (?, ?, ?)", Long.class,
                source(poison.get(0)), source(poison.get(1)), source(poison.get(2)))).isEqualTo(3L);
    }

    @Test
    void updatesSentThreeTimesAreRecordedOnceAndTheLatestSequenceWins() {
        String round = "thrice";
        register(round);
        for (int copy = 0; copy < 3; copy++) {
            for (int seq = 1; seq <= 20; seq++) {
                kafka.send("economic-development", round, Updates.bytes(
                        Updates.progress(round, "economic-development", 1, seq, round + "-" + seq)));
            }
        }
        kafka.send("economic-development", round, Updates.bytes(
                Updates.progress(round, "economic-development", 1, 30, round + "-30")));
        kafka.send("economic-development", round, Updates.bytes(
                Updates.progress(round, "economic-development", 1, 25, round + "-25")));
        kafka.flush();

        List<JsonNode> receipts = KafkaClient.about(kafka.receiptsUntil(
                all -> KafkaClient.about(all, round + "-").size() >= 62, 60, TimeUnit.SECONDS), round + "-");
        assertThat(receipts).hasSize(62);
        assertThat(receipts).filteredOn(r -> r.path("status").asText().equals("accepted")).hasSize(21);
        assertThat(receipts).filteredOn(r -> r.path("status").asText().equals("duplicate")).hasSize(40);
        assertThat(receipts).filteredOn(r -> r.path("updateId").asText().equals(round + "-25"))
                .singleElement().satisfies(r -> assertThat(r.path("status").asText()).isEqualTo("stale"));
        assertThat(entries(round)).isEqualTo(1 + 20 + 2L);
        assertThat(problem(round, 1).get("progress")).isEqualTo("第30次报送：按计划推进整改。");
    }

    @Test
    void aPayloadNamingAnotherDepartmentIsRejectedAndCountedAsASecurityEvent() {
        String round = "spoof";
        register(round);
        double before = securityEvents();
        kafka.send("urban-management", round, Updates.bytes(
                Updates.progress(round, "economic-development", 1, 1, round + "-1")));
        kafka.flush();

        JsonNode receipt = KafkaClient.about(kafka.receiptsUntil(
                all -> !KafkaClient.about(all, round + "-").isEmpty(), 60, TimeUnit.SECONDS), round + "-").get(0);
        assertThat(receipt.path("status").asText()).isEqualTo("rejected");
        assertThat(receipt.path("topic").asText()).isEqualTo("rectification.updates.urban-management");
        assertThat(receipt.path("reason").asText()).contains("claims 'economic-development'");
        assertThat(receipt.path("quarantineId").isIntegralNumber()).isTrue();
        assertThat(entries(round)).isEqualTo(1L);
        assertThat(jdbc.queryForObject("select count(*) from ledger_entry where department = 'economic-development'"
                + " and round_id = ?", Long.class, round)).isZero();
        assertThat(securityEvents()).isEqualTo(before + 1);
    }

    @Test
    void cloudEventsAndADepartmentsOwnShapeAreRecordedLikeCanonicalJson() throws Exception {
        String round = "dg-xc1-guancheng-2024"; // the mapped example names the example round
        register(round);
        NotifyBuilder batches = new NotifyBuilder(camel).fromRoute("kafka-inbound").whenCompleted(1).create();
        ObjectNode structured = CanonicalJson.mapper().createObjectNode();
        structured.put("specversion", "1.0").put("type", "org.rectificationhub.progress.v1")
                .put("source", "/economic-development").put("id", "ce-1").put("datacontenttype", "application/json");
        structured.set("data", Updates.progress(round, "economic-development", 1, 1, "ce-structured-1"));
        kafka.send("economic-development", "ce", Updates.bytes(structured));
        kafka.sendBinaryCloudEvent("urban-management", "ce", "ce-2",
                Updates.bytes(Updates.progress(round, "urban-management", 4, 1, "ce-binary-1")));
        kafka.send("party-building", "mapped",
                getClass().getClassLoader().getResourceAsStream("schemas/mappings/party-building.example.json")
                        .readAllBytes());
        kafka.flush();

        List<JsonNode> receipts = kafka.receiptsUntil(all -> KafkaClient.about(all, "ce-").size() >= 2
                && !KafkaClient.about(all, "djb-").isEmpty(), 60, TimeUnit.SECONDS);
        assertThat(batches.matches(1, TimeUnit.SECONDS)).isTrue();
        assertThat(KafkaClient.about(receipts, "ce-")).allSatisfy(
                r -> assertThat(r.path("status").asText()).isEqualTo("accepted"));
        assertThat(KafkaClient.about(receipts, "djb-")).singleElement().satisfies(
                r -> assertThat(r.path("status").asText()).isEqualTo("accepted"));
        assertThat(problem(round, 14).get("status")).isEqualTo("in-progress");
    }

    @Test
    void aNoticePublishedAsTextIsReadByTheSameParsersAsAFileDrop() throws Exception {
        byte[] notice;
        try (var in = getClass().getClassLoader().getResourceAsStream("samples/notices/guancheng-2025.txt")) {
            notice = new String(in.readAllBytes(), StandardCharsets.UTF_8).getBytes("GB18030");
        }

        kafka.send(Updates.OFFICE, "notice", notice);
        kafka.flush();

        List<JsonNode> receipts = kafka.receiptsUntil(all -> !KafkaClient.about(all, "notice-").isEmpty(),
                60, TimeUnit.SECONDS);
        JsonNode receipt = KafkaClient.about(receipts, "notice-").get(0);
        assertThat(receipt.path("status").asText()).as(receipt.toString()).isEqualTo("accepted");
        // Another test may have registered the same inspection by hand: the notice then amends that round.
        String roundId = jdbc.queryForObject("select round_id from ledger_entry where id = ?", String.class,
                receipt.path("entryId").asLong());
        assertThat(queries.problems(roundId).orElseThrow()).hasSize(20);
    }

    private void register(String round) {
        kafka.send(Updates.OFFICE, round, Updates.round(round));
        kafka.flush();
        JsonNode receipt = KafkaClient.about(kafka.receiptsUntil(
                all -> !KafkaClient.about(all, "round-" + round).isEmpty(), 60, TimeUnit.SECONDS),
                "round-" + round).get(0);
        assertThat(receipt.path("status").asText()).as(receipt.toString()).isEqualTo("accepted");
    }

    private long entries(String round) {
        return jdbc.queryForObject("select count(*) from ledger_entry where round_id = ?", Long.class, round);
    }

    private Map<String, Object> problem(String round, int problemNo) {
        return queries.problems(round).orElseThrow().stream()
                .filter(p -> p.get("problemNo").equals(problemNo)).findFirst().orElseThrow();
    }

    private double securityEvents() {
        var counter = meters.find("hub.security.events").tags("type", "department-mismatch", "channel", "kafka")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<JsonNode> offsetsOf(List<JsonNode> receipts, List<RecordMetadata> records) {
        List<JsonNode> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (RecordMetadata record : records) {
            receipts.stream().filter(r -> r.path("topic").asText().equals(record.topic())
                            && r.path("partition").asInt() == record.partition() && r.path("offset").asLong() == record.offset())
                    .filter(r -> seen.add(r.toString()))
                    .forEach(found::add);
        }
        return found;
    }

    private static String source(RecordMetadata record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
