package org.rectificationhub.commission;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.rectificationhub.HubProperties;
import org.rectificationhub.Retries;
import org.rectificationhub.support.TestDatabases;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The snapshots' own outbox: each sent once and in order per round, whatever the other hub and the broker do. */
class SnapshotSendsTest {

    static final List<String> ROUNDS = List.of("round-1", "round-2", "round-3", "round-4");
    static final int SNAPSHOTS = 5;

    private final List<HikariDataSource> databases = new ArrayList<>();

    @AfterEach
    void close() {
        databases.forEach(HikariDataSource::close);
    }

    /** The broker as the feed sees it: records what it takes, refuses one round's records while told to. */
    static final class Broker extends FeedSender {
        final List<String> taken = new CopyOnWriteArrayList<>();
        volatile String refusing;

        Broker() {
            super(null, false);
        }

        @Override
        void send(FeedEvents.Event event) {
            if (event.key().equals(refusing)) {
                throw new IllegalStateException("RecordTooLargeException: refused " + refusing);
            }
            try {
                Thread.sleep(2); // a broker's round trip: the other hub has time to try the same snapshot
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            taken.add(event.id());
        }
    }

    @Test
    void twoHubsOnOnePostgresSendEachSnapshotOnceAndInOrderPerRound() throws Exception {
        Assumptions.assumeTrue(TestDatabases.postgresUrl().isPresent(), TestDatabases.postgresMissingReason());
        String url = TestDatabases.postgresUrl().orElseThrow();
        String schema = TestDatabases.freshSchemaName();
        HikariDataSource first = pool(TestDatabases.postgres(url, schema));
        HikariDataSource second = pool(TestDatabases.postgres(url, schema));
        stored(first);
        Broker broker = new Broker();
        List<SnapshotSends> hubs = List.of(sends(first, broker, "hub-1"), sends(second, broker, "hub-2"));

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (SnapshotSends hub : hubs) {
                running.add(threads.submit(() -> {
                    while (unsent(first) > 0) {
                        hub.sendDue();
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(broker.taken).hasSize(ROUNDS.size() * SNAPSHOTS).doesNotHaveDuplicates();
        Map<String, List<Integer>> numbers = new ConcurrentHashMap<>();
        broker.taken.forEach(id -> numbers.computeIfAbsent(id.split(":")[1], r -> new ArrayList<>())
                .add(Integer.parseInt(id.split(":")[2])));
        assertThat(numbers.values()).allSatisfy(sent -> assertThat(sent).containsExactly(1, 2, 3, 4, 5));
    }

    @Test
    void aRefusedRoundIsParkedAloneAndAReplaySendsItOnH2() {
        aRefusedRoundIsParkedAlone(pool(TestDatabases.h2()));
    }

    @Test
    void aRefusedRoundIsParkedAloneAndAReplaySendsItOnPostgres() {
        Assumptions.assumeTrue(TestDatabases.postgresUrl().isPresent(), TestDatabases.postgresMissingReason());
        aRefusedRoundIsParkedAlone(pool(TestDatabases.postgres(TestDatabases.postgresUrl().orElseThrow(),
                TestDatabases.freshSchemaName())));
    }

    private void aRefusedRoundIsParkedAlone(HikariDataSource db) {
        stored(db);
        Broker broker = new Broker();
        broker.refusing = "round-2";
        SnapshotSends hub = sends(db, broker, "hub-1");
        for (int tick = 0; tick < 1000 && (unsent(db) > SNAPSHOTS || hub.failed(10).stream()
                .anyMatch(item -> item.parkedAt() == null)); tick++) {
            hub.sendDue();
        }

        assertThat(broker.taken).as("every other round's snapshots").hasSize((ROUNDS.size() - 1) * SNAPSHOTS)
                .noneMatch(id -> id.startsWith("snapshot:round-2:"));
        assertThat(hub.failed(10)).singleElement().satisfies(item -> {
            assertThat(item.item()).isEqualTo("snapshot round-2 #1");
            assertThat(item.attempts()).isEqualTo(3);
            assertThat(item.lastError()).contains("refused round-2");
            assertThat(item.failingSince()).isNotNull();
            assertThat(item.parkedAt()).isNotNull();
        });

        broker.refusing = null;
        assertThat(hub.resend(List.of())).isEqualTo(1);
        while (unsent(db) > 0) {
            hub.sendDue();
        }
        assertThat(broker.taken).as("nothing lost").hasSize(ROUNDS.size() * SNAPSHOTS).doesNotHaveDuplicates();
        assertThat(hub.failed(10)).isEmpty();
    }

    private HikariDataSource pool(HikariDataSource db) {
        databases.add(db);
        return db;
    }

    private static SnapshotSends sends(HikariDataSource db, FeedSender broker, String instance) {
        return new SnapshotSends(new JdbcTemplate(db), new DataSourceTransactionManager(db), broker,
                Retries.of(Duration.ofMillis(5), Duration.ofMillis(10), 3), Clock.systemUTC(),
                new HubProperties(Path.of("."), instance, List.of(), null));
    }

    /** Each round's snapshots 1 to 5, taken and not yet sent. */
    private static void stored(HikariDataSource db) {
        JdbcTemplate jdbc = new JdbcTemplate(db);
        for (String roundId : ROUNDS) {
            for (int n = 1; n <= SNAPSHOTS; n++) {
                jdbc.update("insert into commission_snapshot (round_id, snapshot_no, created_at, through_entry,"
                        + " snapshot_json) values (?,?,?,?,?)", roundId, n, Timestamp.from(Instant.now()), n,
                        "{\"roundId\":\"" + roundId + "\",\"snapshotNo\":" + n + "}");
            }
        }
    }

    private static long unsent(HikariDataSource db) {
        return new JdbcTemplate(db).queryForObject("select count(*) from commission_snapshot where sent_at is null",
                Long.class);
    }
}
