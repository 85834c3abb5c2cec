package org.rectificationhub.ingest.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.rectificationhub.HubApplication;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Offsets follow receipts: while receipts cannot be sent the batch's offsets stay uncommitted and the batch is
 * read again; the ledger, already holding it, records nothing twice and the receipts then say duplicate.
 */
@SpringBootTest(classes = HubApplication.class, properties = {
        "hub.kafka.bootstrap-servers=${test.kafka.brokers}",
        "hub.retry.delay=20",
        "hub.operator.password=test-password"})
@KafkaTestBroker(partitions = 1, topics = {
        "rectification.updates.rectification-office", "rectification.updates.economic-development",
        "rectification.receipts.rectification-office", "rectification.receipts.economic-development"})
class KafkaReceiptFailureTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        HubFolders.create().registerWithKafka(registry);
    }

    @Value("${test.kafka.brokers}")
    String brokers;
    @Value("${hub.retry.attempts}")
    int retries;
    @Autowired
    CamelContext camel;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aBatchWhoseReceiptsCannotBeSentIsReadAgainAndRecordedOnce() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        int failures = retries + 1; // every attempt of the first delivery, so the error handling gives up on it
        AdviceWith.adviceWith(camel, "kafka-inbound", route -> route.weaveByToUri("kafka:*").before()
                .process(exchange -> {
                    if (attempts.incrementAndGet() <= failures) {
                        throw new IllegalStateException("receipts topic unavailable (simulated)");
                    }
                }));

        try (KafkaClient kafka = new KafkaClient(brokers)) {
            kafka.send(Updates.OFFICE, "r", Updates.round("again"));
            kafka.flush();
            List<JsonNode> receipts = kafka.receiptsUntil(all -> !KafkaClient.about(all, "round-again").isEmpty(),
                    60, TimeUnit.SECONDS);
            assertThat(KafkaClient.about(receipts, "round-again")).singleElement()
                    .satisfies(r -> assertThat(r.path("status").asText()).isEqualTo("duplicate"));
        }
        assertThat(attempts.get()).isGreaterThan(failures);
        assertThat(jdbc.queryForObject("select count(*) from ledger_entry where round_id = 'again'", Long.class))
                .isEqualTo(1L);
        assertThat(jdbc.queryForObject("select count(*) from quarantine", Long.class))
                .as("a failed batch is read again, not quarantined as if it were a document").isZero();
    }
}
