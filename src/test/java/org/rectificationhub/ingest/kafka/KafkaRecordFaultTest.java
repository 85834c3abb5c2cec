package org.rectificationhub.ingest.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.rectificationhub.HubApplication;
import org.rectificationhub.ingest.Reasons;
import org.rectificationhub.ledger.LedgerQueries;
import org.rectificationhub.ops.ActionResult;
import org.rectificationhub.ops.quarantine.QuarantineActions;
import org.rectificationhub.support.HubFolders;
import org.rectificationhub.support.KafkaClient;
import org.rectificationhub.support.KafkaTestBroker;
import org.rectificationhub.support.Updates;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

/**
 * A reader error of the hub's own outside the parsers (round resolution failing on one record: a notice, whose
 * round is looked up in the ledger) costs that record only: it is tried again with back-off, then parked whole in
 * quarantine as the hub's fault (its sender told "parked", never "rejected"), the records around it in the same
 * batch are recorded, the partition's offsets move on, and once mended an operator's replay records it and its
 * sender gets a receipt saying so.
 */
@SpringBootTest(classes = HubApplication.class, properties = {
        "hub.kafka.bootstrap-servers=${test.kafka.brokers}",
        "hub.retry.delay=20",
        "hub.operator.password=test-password"})
@KafkaTestBroker(partitions = 1, topics = {
        "rectification.updates.rectification-office", "rectification.updates.economic-development",
        "rectification.updates.urban-management",
        "rectification.receipts.rectification-office", "rectification.receipts.economic-development",
        "rectification.receipts.urban-management"})
class KafkaRecordFaultTest {

    static final String ECONOMY = "economic-development";
    static final String URBAN = "urban-management";

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        HubFolders.create().registerWithKafka(registry);
    }

    @Value("${test.kafka.brokers}")
    String brokers;
    @Value("${hub.retry.attempts}")
    int retries;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    QuarantineActions actions;
    @MockitoSpyBean
    LedgerQueries queries;

    @Test
    void aRecordTheHubFailsToReadIsParkedAloneAndTheRestOfItsBatchIsRecordedAndAcknowledged() throws Exception {
        String round = "fault";
        AtomicBoolean broken = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        doAnswer(call -> {
            if (broken.get()) {
                failures.incrementAndGet();
                throw new IllegalStateException("round resolution broken (planted)");
            }
            return call.callRealMethod();
        }).when(queries).registeredRounds(any(), any());
        try (KafkaClient kafka = new KafkaClient(brokers); Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            kafka.send(Updates.OFFICE, round, Updates.round(round));
            kafka.flush();
            kafka.receiptsUntil(all -> !KafkaClient.about(all, "round-" + round).isEmpty(), 60, TimeUnit.SECONDS);

            broken.set(true);
            for (int seq = 1; seq <= 3; seq++) {
                kafka.send(ECONOMY, round, Updates.bytes(Updates.progress(round, ECONOMY, 1, seq, round + "-" + seq)));
            }
            RecordMetadata notice = kafka.send(Updates.OFFICE, "notice", notice()).get(30, TimeUnit.SECONDS);
            RecordMetadata after = kafka.send(Updates.OFFICE, round + "-b", Updates.round(round + "-b"))
                    .get(30, TimeUnit.SECONDS);
            for (int seq = 4; seq <= 5; seq++) {
                kafka.send(ECONOMY, round, Updates.bytes(Updates.progress(round, ECONOMY, 1, seq, round + "-" + seq)));
            }
            kafka.send(URBAN, round, Updates.bytes(Updates.progress(round, URBAN, 4, 1, round + "-urban")));
            kafka.flush();

            List<JsonNode> receipts = kafka.receiptsUntil(all -> KafkaClient.about(all, round + "-").size() >= 6
                    && !KafkaClient.about(all, "round-" + round + "-b").isEmpty() && at(all, notice) != null,
                    60, TimeUnit.SECONDS);
            assertThat(KafkaClient.about(receipts, round + "-")).hasSize(6).allSatisfy(
                    r -> assertThat(r.path("status").asText()).isEqualTo("accepted"));
            assertThat(KafkaClient.about(receipts, "round-" + round + "-b")).singleElement().satisfies(
                    r -> assertThat(r.path("status").asText()).isEqualTo("accepted"));
            JsonNode parked = at(receipts, notice);
            assertThat(parked.path("status").asText()).as("the hub's fault is not the sender's").isEqualTo("parked");
            assertThat(parked.path("reason").asText()).as("no error text of the hub's for the sender")
                    .isEqualTo(Reasons.PARKED);
            assertThat(failures.get()).as("tried again, a bounded number of times").isEqualTo(2 + retries);

            long quarantineId = parked.path("quarantineId").asLong();
            Map<String, Object> row = jdbc.queryForMap("select hub_fault, reason, source from quarantine where id = ?",
                    quarantineId);
            assertThat(row.get("hub_fault")).isEqualTo(true);
            assertThat((String) row.get("reason")).as("the error, for operators").contains("round resolution broken");
            assertThat((String) row.get("source")).isEqualTo(notice.topic() + "-0@" + notice.offset());
            TopicPartition office = new TopicPartition(notice.topic(), 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> committed(admin, office) == after.offset() + 1);

            broken.set(false);
            ActionResult replayed = actions.replay(quarantineId, "operator", "round resolution mended");
            assertThat(replayed.isDone()).as(replayed.message()).isTrue();
            assertThat(replayed.message()).startsWith("recorded as entry");
            long documents = jdbc.queryForObject("select count(*) from ledger_entry where source like ?", Long.class,
                    notice.topic() + "-0@" + notice.offset() + " %");
            assertThat(documents).isPositive();
            List<JsonNode> told = kafka.receiptsUntil(all -> all.stream().filter(r -> sameRecord(r, notice)).count()
                    >= 1 + documents, 30, TimeUnit.SECONDS).stream().filter(r -> sameRecord(r, notice)).toList();
            assertThat(told.get(0).path("status").asText()).isEqualTo("parked");
            assertThat(told.subList(1, told.size())).as("its sender told of each document once it is recorded")
                    .hasSize((int) documents).allSatisfy(r -> assertThat(r.path("status").asText()).isEqualTo("accepted"));
        }
        assertThat(jdbc.queryForObject("select count(*) from ledger_entry where update_id like ?", Long.class,
                round + "-%")).isEqualTo(6);
        assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'quarantine.replay'"
                + " and outcome = 'done'", Long.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from quarantine where hub_fault = false", Long.class))
                .as("nothing blamed on a sender").isZero();
    }

    private byte[] notice() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("samples/notices/guancheng-2025.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).getBytes("GB18030");
        }
    }

    private static boolean sameRecord(JsonNode receipt, RecordMetadata record) {
        return receipt.path("topic").asText().equals(record.topic()) && receipt.path("offset").asLong() == record.offset();
    }

    private static JsonNode at(List<JsonNode> receipts, RecordMetadata record) {
        return receipts.stream().filter(r -> r.path("topic").asText().equals(record.topic())
                && r.path("offset").asLong() == record.offset()).findFirst().orElse(null);
    }

    private static long committed(Admin admin, TopicPartition partition) throws Exception {
        var offsets = admin.listConsumerGroupOffsets("rectification-hub").partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        return offsets.get(partition) == null ? -1 : offsets.get(partition).offset();
    }
}
