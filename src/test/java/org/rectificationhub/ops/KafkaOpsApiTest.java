package org.rectificationhub.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.support.HubFolders;
import org.rectificationhub.support.KafkaClient;
import org.rectificationhub.support.Updates;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.rectificationhub.support.KafkaTestBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The operators' read API with the Kafka channel on a real KRaft broker: the consumer group's lag per partition,
 * and a problem's timeline holding Kafka records (topic, partition, offset) beside file drops.
 */
@SpringBootTest(properties = {"hub.kafka.bootstrap-servers=${test.kafka.brokers}",
        "hub.kafka.metadata-max-age=1000"})
@AutoConfigureMockMvc
@KafkaTestBroker(partitions = 3, topics = {
        "rectification.updates.rectification-office", "rectification.updates.economic-development",
        "rectification.updates.urban-management", "rectification.updates.party-building",
        "rectification.receipts.rectification-office", "rectification.receipts.economic-development",
        "rectification.receipts.urban-management", "rectification.receipts.party-building"})
class KafkaOpsApiTest {

    static final HubFolders hub = HubFolders.create();
    static final String ROUND = "kafka-ops-r1";
    static final String ECONOMY = "economic-development";
    static final String URBAN = "urban-management";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.registerWithKafka(registry);
    }

    @Value("${test.kafka.brokers}")
    String brokers;
    @Autowired
    MockMvc mvc;
    @Autowired
    CamelContext camel;
    @Autowired
    JdbcTemplate jdbc;

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
        kafka.close();
    }

    @Test
    void eachPartitionsLagIsWhatTheHubHasNotTakenYetAndFallsToZeroOnceItHas() throws Exception {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> economy().at("/waiting/count").asLong() == 0);
        camel.getRouteController().stopRoute("kafka-inbound");
        Map<Integer, Long> sent = new TreeMap<>();
        Map<Integer, Long> end = new TreeMap<>();
        try {
            for (int i = 1; i <= 7; i++) {
                RecordMetadata record = kafka.send(ECONOMY, "key-" + i, Updates.bytes(Updates.progress(ROUND, ECONOMY,
                        1, i, "lag-" + i))).get();
                sent.merge(record.partition(), 1L, Long::sum);
                end.merge(record.partition(), record.offset() + 1, Math::max);
            }

            JsonNode economy = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .until(this::economy, row -> row.at("/waiting/count").asLong() == 7);
            List<JsonNode> partitions = new ArrayList<>();
            economy.at("/waiting/partitions").forEach(partitions::add);
            assertThat(partitions).extracting(p -> p.path("partition").asInt()).containsExactly(0, 1, 2);
            for (JsonNode p : partitions) {
                int partition = p.path("partition").asInt();
                assertThat(p.path("topic").asText()).isEqualTo("rectification.updates." + ECONOMY);
                assertThat(p.path("lag").asLong()).as("partition " + partition)
                        .isEqualTo(sent.getOrDefault(partition, 0L));
                if (end.containsKey(partition)) {
                    assertThat(p.path("end").asLong()).isEqualTo(end.get(partition));
                }
                long from = p.path("committed").isNull() ? p.path("start").asLong() : p.path("committed").asLong();
                assertThat(p.path("end").asLong() - from).isEqualTo(p.path("lag").asLong());
            }
            JsonNode kafkaChannel = channel("kafka");
            assertThat(kafkaChannel.path("state").asText()).isEqualTo("running");
            assertThat(kafkaChannel.path("note").asText()).contains("rectification-hub");
        } finally {
            camel.getRouteController().startRoute("kafka-inbound");
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> economy().at("/waiting/count").asLong() == 0);
        assertThat(entries("lag-7")).isEqualTo(1);
        // taken partition by partition, a lower sequence may come after a higher one: recorded all the same (stale)
        JsonNode today = economy().path("today");
        assertThat(today.path("accepted").asLong() + today.path("stale").asLong()).isGreaterThanOrEqualTo(7);
    }

    @Test
    void aProblemsTimelineHoldsKafkaRecordsByTopicPartitionAndOffsetBesideFileDrops() throws Exception {
        byte[] record = Updates.bytes(Updates.progress(ROUND, URBAN, 4, 100, "tl-kafka-1"));
        RecordMetadata sent = kafka.send(URBAN, "timeline", record).get();
        await().atMost(Duration.ofSeconds(60)).until(() -> entries("tl-kafka-1") == 1);
        byte[] file = Updates.bytes(Updates.progress(ROUND, URBAN, 4, 101, "tl-file-1"));
        hub.drop(URBAN, "timeline.json", file);
        await().atMost(Duration.ofSeconds(30)).until(() -> entries("tl-file-1") == 1);

        JsonNode timeline = await().atMost(Duration.ofSeconds(30)).until(
                () -> json("/api/lineage/rounds/" + ROUND + "/problems/4"),
                t -> t.findValues("state").stream().allMatch(s -> s.asText().equals("delivered")));
        List<JsonNode> entries = new ArrayList<>();
        timeline.path("entries").forEach(entries::add);
        assertThat(entries).extracting(e -> e.path("channel").asText() + ":" + e.path("updateId").asText())
                .containsExactly("kafka:round-" + ROUND, "kafka:tl-kafka-1", "file:tl-file-1");
        JsonNode fromKafka = entries.get(1).path("source");
        assertThat(fromKafka.path("topic").asText()).isEqualTo(sent.topic());
        assertThat(fromKafka.path("partition").asInt()).isEqualTo(sent.partition());
        assertThat(fromKafka.path("offset").asLong()).isEqualTo(sent.offset());
        assertThat(fromKafka.path("sha256").asText()).isEqualTo(CanonicalJson.sha256(record));
        JsonNode fromFile = entries.get(2).path("source");
        assertThat(fromFile.path("file").asText()).isEqualTo("timeline.json");
        assertThat(fromFile.path("sha256").asText()).isEqualTo(CanonicalJson.sha256(file));
        for (JsonNode entry : entries) {
            assertThat(entry.path("deliveries").findValuesAsText("target")).containsExactlyInAnyOrder("publication",
                    "commission");
            assertThat(entry.path("deliveries").findValuesAsText("deliveredAt")).allSatisfy(
                    at -> assertThat(at).isNotBlank());
        }
    }

    private JsonNode economy() throws Exception {
        for (JsonNode row : channel("kafka").path("departments")) {
            if (row.path("department").asText().equals(ECONOMY)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + ECONOMY);
    }

    private JsonNode channel(String name) throws Exception {
        for (JsonNode channel : json("/api/channels").path("channels")) {
            if (channel.path("channel").asText().equals(name)) {
                return channel;
            }
        }
        throw new AssertionError("no channel " + name);
    }

    private JsonNode json(String path) throws Exception {
        return CanonicalJson.mapper().readTree(mvc.perform(get(path)
                .with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    }

    private long entries(String updateId) {
        return jdbc.queryForObject("select count(*) from ledger_entry where update_id = ?", Long.class, updateId);
    }
}
