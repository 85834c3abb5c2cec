package org.rectificationhub.ingest.kafka;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.rectificationhub.HubApplication;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fair shares on Kafka: one department's backlog delays another department's record by a poll or two, not by the
 * backlog. Told by order, not by time: of the backlog's records, how many the ledger recorded before the other
 * department's one (a batch is at most max-poll-records).
 */
@SpringBootTest(classes = HubApplication.class, properties = {
        "hub.kafka.bootstrap-servers=${test.kafka.brokers}",
        "hub.operator.password=test-password"})
@KafkaTestBroker(partitions = 3, topics = {
        "rectification.updates.rectification-office", "rectification.updates.economic-development",
        "rectification.updates.urban-management",
        "rectification.receipts.rectification-office", "rectification.receipts.economic-development",
        "rectification.receipts.urban-management"})
class KafkaFairSharesTest {

    static final String ECONOMY = "economic-development";
    static final String URBAN = "urban-management";
    static final int BACKLOG = 4_000;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        HubFolders.create().registerWithKafka(registry);
    }

    @Value("${test.kafka.brokers}")
    String brokers;
    @Value("${hub.kafka.max-poll-records}")
    int pollRecords;
    @Autowired
    CamelContext camel;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aDepartmentsBacklogDelaysAnotherDepartmentsRecordByAtMostTwoPolls() throws Exception {
        String round = "fair";
        try (KafkaClient kafka = new KafkaClient(brokers)) {
            kafka.send(Updates.OFFICE, round, Updates.round(round));
            kafka.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> entries(round) == 1);

            camel.getRouteController().stopRoute("kafka-inbound");
            for (int i = 1; i <= BACKLOG; i++) {
                kafka.send(ECONOMY, round + "/" + (i % 3), Updates.bytes(Updates.progress(round, ECONOMY, 1, i,
                        round + "-backlog-" + i)));
            }
            kafka.send(URBAN, round, Updates.bytes(Updates.progress(round, URBAN, 4, 1, round + "-other")))
                    .get(30, TimeUnit.SECONDS);
            kafka.flush();
            camel.getRouteController().startRoute("kafka-inbound");
        }

        await().atMost(Duration.ofSeconds(120)).until(() -> entries(round) == BACKLOG + 2L);
        long before = jdbc.queryForObject("select count(*) from ledger_entry where update_id like ? and id < (select id"
                + " from ledger_entry where update_id = ?)", Long.class, round + "-backlog-%", round + "-other");
        System.out.printf("MEASURED: %d of a %d-record backlog recorded before the other department's record"
                + " (batches of at most %d)%n", before, BACKLOG, pollRecords);
        assertThat(before).isLessThanOrEqualTo(2L * pollRecords);
    }

    private long entries(String round) {
        return jdbc.queryForObject("select count(*) from ledger_entry where round_id = ?", Long.class, round);
    }
}
