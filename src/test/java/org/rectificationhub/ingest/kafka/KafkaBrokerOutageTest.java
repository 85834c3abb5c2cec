package org.rectificationhub.ingest.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.rectificationhub.HubApplication;
import org.rectificationhub.support.ChildHub;
import org.rectificationhub.support.HubFolders;
import org.rectificationhub.support.KafkaClient;
import org.rectificationhub.support.Updates;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The standalone broker stops under the running hub: the health check reports the Kafka consumer down, and when
 * the broker returns the hub consumes again by itself.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(classes = HubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KafkaBrokerOutageTest {

    static final int PORT = ChildHub.freePort();
    static final int CONTROLLER_PORT = ChildHub.freePort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        HubFolders.create().registerWithKafka(registry);
        registry.add("hub.kafka.port", () -> PORT);
        registry.add("hub.kafka.controller-port", () -> CONTROLLER_PORT);
        registry.add("hub.kafka.metadata-max-age", () -> "1000");
    }

    @Autowired
    KafkaBroker broker;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    private ResponseEntity<String> health() {
        return http.withBasicAuth("operator", HubFolders.OPERATOR_PASSWORD).getForEntity("/actuator/health",
                String.class);
    }

    private long entries(String round) {
        return jdbc.queryForObject("select count(*) from ledger_entry where round_id = ?", Long.class, round);
    }

    @Test
    void whileTheBrokerIsDownHealthSaysSoAndConsumptionResumesByItselfWhenItReturns() throws Exception {
        String round = "outage";
        String brokers = "localhost:" + PORT;
        try (KafkaClient kafka = new KafkaClient(brokers)) {
            kafka.send(Updates.OFFICE, round, Updates.round(round));
            kafka.flush();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> entries(round) == 1);

        broker.destroy();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            ResponseEntity<String> health = health();
            return health.getStatusCode().value() == 503
                    && health.getBody().contains("kafka-inbound");
        });

        broker.afterPropertiesSet();
        broker.start();
        try (KafkaClient kafka = new KafkaClient(brokers)) {
            kafka.send("economic-development", round, Updates.bytes(
                    Updates.progress(round, "economic-development", 1, 1, round + "-after"))).get(30, TimeUnit.SECONDS);
            kafka.flush();
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> entries(round) == 2);
        await().atMost(Duration.ofSeconds(60)).until(() -> health().getStatusCode().value() == 200);
    }
}
