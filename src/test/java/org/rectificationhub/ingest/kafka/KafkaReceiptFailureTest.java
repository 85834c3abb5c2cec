package org.rectificationhub.ingest.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.rectificationhub.HubApplication;
import org.rectificationhub.ingest.Backlog;
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

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A department's receipts topic that refuses writes (a real refusal by the broker: the topic's max.message.bytes
 * set below any receipt's size) costs that department its receipts for a while, nothing else: its records are
 * recorded and their offsets committed, its receipts are kept as owed and shown to operators, the other
 * departments' records and receipts keep flowing, and once the topic takes writes again every owed receipt is sent.
 */
@SpringBootTest(classes = HubApplication.class, properties = {
        "hub.kafka.bootstrap-servers=${test.kafka.brokers}",
        "hub.retry.delay=20",
        "hub.delivery.first-back-off=200ms",
        "hub.delivery.max-back-off=1s",
        "hub.kafka.owed-receipts-poll=200",
        "hub.operator.password=test-password"})
@KafkaTestBroker(partitions = 1, topics = {
        "rectification.updates.rectification-office", "rectification.updates.economic-development",
        "rectification.receipts.rectification-office", "rectification.receipts.economic-development"})
class KafkaReceiptFailureTest {

    static final String ECONOMY = "economic-development";
    static final String ECONOMY_RECEIPTS = KafkaClient.RECEIPTS + ECONOMY;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        HubFolders.create().registerWithKafka(registry);
    }

    @Value("${test.kafka.brokers}")
    String brokers;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KafkaWatch watch;

    @Test
    void aReceiptsTopicThatRefusesWritesHoldsOnlyItsDepartmentsReceiptsAndEachIsSentOnceItTakesThemAgain()
            throws Exception {
        String round = "refused";
        try (KafkaClient kafka = new KafkaClient(brokers); Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            kafka.send(Updates.OFFICE, round, Updates.round(round));
            kafka.flush();
            kafka.receiptsUntil(all -> !KafkaClient.about(all, "round-" + round).isEmpty(), 60, TimeUnit.SECONDS);
            maxMessageBytes(admin, "1");

            RecordMetadata last = null;
            for (int seq = 1; seq <= 5; seq++) {
                last = kafka.send(ECONOMY, round, Updates.bytes(Updates.progress(round, ECONOMY, 1, seq,
                        round + "-" + seq))).get(30, TimeUnit.SECONDS);
            }
            kafka.send(Updates.OFFICE, round + "-b", Updates.round(round + "-b"));
            kafka.flush();

            // the other department flows: its record recorded, its receipt sent
            List<JsonNode> receipts = kafka.receiptsUntil(all -> !KafkaClient.about(all, "round-" + round + "-b")
                    .isEmpty(), 60, TimeUnit.SECONDS);
            assertThat(KafkaClient.about(receipts, "round-" + round + "-b")).singleElement()
                    .satisfies(r -> assertThat(r.path("status").asText()).isEqualTo("accepted"));
            // the refusing department's records are recorded and acknowledged; its receipts are owed, and said so
            await().atMost(Duration.ofSeconds(60)).until(() -> entries(round) == 6);
            TopicPartition economy = new TopicPartition(KafkaClient.UPDATES + ECONOMY, 0);
            long end = last.offset() + 1;
            await().atMost(Duration.ofSeconds(30)).until(() -> committed(admin, economy) == end);
            assertThat(owed()).isEqualTo(5);
            assertThat(KafkaClient.about(receipts, round + "-")).isEmpty();
            Backlog.Waiting waiting = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> watch.backlog().departments().get(ECONOMY), w -> w != null && w.note() != null);
            assertThat(waiting.note()).contains("5 receipt(s) owed", ECONOMY_RECEIPTS, "RecordTooLargeException");
            assertThat(waiting.count()).as("nothing waits to be read").isZero();

            maxMessageBytes(admin, null);
            List<JsonNode> after = kafka.receiptsUntil(all -> KafkaClient.about(all, round + "-").size() >= 5,
                    60, TimeUnit.SECONDS);
            assertThat(KafkaClient.about(after, round + "-")).extracting(r -> r.path("updateId").asText()
                    + ":" + r.path("status").asText()).containsExactly(round + "-1:accepted", round + "-2:accepted",
                    round + "-3:accepted", round + "-4:accepted", round + "-5:accepted");
            await().atMost(Duration.ofSeconds(10)).until(() -> owed() == 0
                    && jdbc.queryForObject("select count(*) from kafka_receipt_failure", Long.class) == 0);
        }
        assertThat(entries(round)).as("each recorded once").isEqualTo(6);
        assertThat(jdbc.queryForObject("select count(*) from quarantine", Long.class)).isZero();
    }

    private long entries(String round) {
        return jdbc.queryForObject("select count(*) from ledger_entry where round_id = ?", Long.class, round);
    }

    private long owed() {
        return jdbc.queryForObject("select count(*) from kafka_receipt_owed where department = ?", Long.class, ECONOMY);
    }

    /** Sets the receipts topic's largest message, or lets it take the broker's default again (null). */
    private static void maxMessageBytes(Admin admin, String bytes) throws Exception {
        ConfigEntry entry = new ConfigEntry("max.message.bytes", bytes == null ? "" : bytes);
        AlterConfigOp op = new AlterConfigOp(entry, bytes == null ? AlterConfigOp.OpType.DELETE : AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, ECONOMY_RECEIPTS),
                new ArrayList<>(List.of(op)))).all().get(30, TimeUnit.SECONDS);
    }

    private static long committed(Admin admin, TopicPartition partition) throws Exception {
        var offsets = admin.listConsumerGroupOffsets("rectification-hub").partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        return offsets.get(partition) == null ? -1 : offsets.get(partition).offset();
    }
}
