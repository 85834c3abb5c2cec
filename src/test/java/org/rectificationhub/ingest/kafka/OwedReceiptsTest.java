package org.rectificationhub.ingest.kafka;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.rectificationhub.support.TestDatabases;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Owed receipts on both databases: kept in order per department, due once their back-off has passed, one try
 * claimed by one hub, and forgotten with the topic's failure once sent.
 */
class OwedReceiptsTest {

    static final String TOPIC = "rectification.receipts.economic-development";
    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private final List<HikariDataSource> databases = new ArrayList<>();

    @AfterEach
    void close() {
        databases.forEach(HikariDataSource::close);
    }

    @Test
    void owedReceiptsWaitTheirBackOffAreClaimedOnceAndAreForgottenOnceSentOnH2() {
        HikariDataSource h2 = TestDatabases.h2();
        databases.add(h2);
        owedReceiptsWaitTheirBackOffAreClaimedOnceAndAreForgottenOnceSent(new OwedReceipts(new JdbcTemplate(h2)),
                new OwedReceipts(new JdbcTemplate(h2)));
    }

    @Test
    void owedReceiptsWaitTheirBackOffAreClaimedOnceAndAreForgottenOnceSentOnPostgres() {
        Assumptions.assumeTrue(TestDatabases.postgresUrl().isPresent(), TestDatabases.postgresMissingReason());
        HikariDataSource postgres = TestDatabases.postgres(TestDatabases.postgresUrl().orElseThrow(),
                TestDatabases.freshSchemaName());
        databases.add(postgres);
        owedReceiptsWaitTheirBackOffAreClaimedOnceAndAreForgottenOnceSent(new OwedReceipts(new JdbcTemplate(postgres)),
                new OwedReceipts(new JdbcTemplate(postgres)));
    }

    /** Two hubs on one database: {@code hub} notes the failure, both try to claim the retry. */
    private static void owedReceiptsWaitTheirBackOffAreClaimedOnceAndAreForgottenOnceSent(OwedReceipts hub,
                                                                                         OwedReceipts other) {
        Instant next = NOW.plus(Duration.ofSeconds(1));
        hub.owe("economic-development", TOPIC, List.of(receipt("u-1"), receipt("u-2")), "RecordTooLargeException",
                NOW, next);
        hub.owe("economic-development", TOPIC, List.of(receipt("u-3")), null, NOW, next);

        assertThat(hub.owing()).containsExactly("economic-development");
        assertThat(hub.due(NOW)).as("in its back-off").isEmpty();
        assertThat(hub.due(next)).containsExactly("economic-development");
        assertThat(hub.failing()).singleElement().satisfies(f -> {
            assertThat(f.topic()).isEqualTo(TOPIC);
            assertThat(f.since()).isEqualTo(NOW);
            assertThat(f.error()).isEqualTo("RecordTooLargeException");
            assertThat(f.owed()).isEqualTo(3);
        });

        Instant later = next.plus(Duration.ofSeconds(2));
        assertThat(hub.claim("economic-development", next, later)).isTrue();
        assertThat(other.claim("economic-development", next, later)).as("claimed by the first hub").isFalse();
        assertThat(hub.attempts("economic-development")).isEqualTo(2);

        List<OwedReceipts.Owed> oldest = hub.oldest("economic-development", 2);
        assertThat(oldest).extracting(o -> o.receipt().key()).containsExactly("u-1", "u-2");
        hub.sent("economic-development", oldest);
        assertThat(hub.failing()).as("one receipt is still owed").singleElement()
                .satisfies(f -> assertThat(f.owed()).isEqualTo(1));
        hub.sent("economic-development", hub.oldest("economic-development", 10));
        assertThat(hub.failing()).isEmpty();
        assertThat(hub.owing()).isEmpty();
        assertThat(hub.due(later)).isEmpty();
    }

    private static ReceiptMessage receipt(String updateId) {
        return new ReceiptMessage("economic-development", TOPIC, updateId, "{\"updateId\":\"" + updateId + "\"}");
    }
}
