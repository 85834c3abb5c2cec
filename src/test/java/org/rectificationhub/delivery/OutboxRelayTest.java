package org.rectificationhub.delivery;

import org.rectificationhub.Retries;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.ledger.CommitResult;
import org.rectificationhub.ledger.Ledger;
import org.rectificationhub.ledger.Submission;
import org.rectificationhub.ledger.TestLedgers;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.TestDatabases;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rectificationhub.support.Examples.OFFICE;

/** The outbox relay delivers every committed entry exactly once, whatever the target and the other relays do. */
class OutboxRelayTest {

    static final String TARGET = "commission"; // no real commission target exists yet: the test plays it

    private final List<HikariDataSource> databases = new ArrayList<>();

    @AfterEach
    void close() {
        databases.forEach(HikariDataSource::close);
    }

    /** Records every delivery; fails while told to, or for a batch holding the refused round. */
    static final class Recorder implements DeliveryTarget {
        final Map<Long, AtomicInteger> deliveries;
        final AtomicBoolean failing = new AtomicBoolean();
        volatile String refusedRound;

        Recorder(Map<Long, AtomicInteger> deliveries) {
            this.deliveries = deliveries;
        }

        @Override
        public String name() {
            return TARGET;
        }

        @Override
        public void deliver(List<CommittedEntry> entries) {
            if (failing.get()) {
                throw new IllegalStateException("the commission's system is down");
            }
            if (entries.stream().anyMatch(e -> e.roundId().equals(refusedRound))) {
                throw new IllegalArgumentException("the commission's system refuses " + refusedRound);
            }
            entries.forEach(e -> deliveries.computeIfAbsent(e.entryId(), id -> new AtomicInteger()).incrementAndGet());
        }
    }

    private static DeliveryRelays relays(HikariDataSource db, DeliveryTarget target) {
        return relays(db, target, 100);
    }

    private static DeliveryRelays relays(HikariDataSource db, DeliveryTarget target, int parkAfter) {
        return relays(db, target, Retries.of(Duration.ofMillis(50), Duration.ofMillis(200), parkAfter));
    }

    private static DeliveryRelays relays(HikariDataSource db, DeliveryTarget target, Retries retries) {
        return new DeliveryRelays(List.of(target), new JdbcTemplate(db), new DataSourceTransactionManager(db),
                new SimpleMeterRegistry(), 200, retries, null);
    }

    /** Three rounds and {@code updates} progress updates spread over them: every entry accepted. */
    private static long commitBurst(Ledger ledger, int updates) {
        List<Submission> batch = new ArrayList<>();
        for (int r = 1; r <= 3; r++) {
            String roundId = "relay-round-" + r;
            batch.add(submission(Examples.round(json -> {
                json.put("updateId", "register-" + roundId);
                ((ObjectNode) json.get("round")).put("roundId", roundId);
            })));
        }
        for (int i = 1; i <= updates; i++) {
            int n = i;
            batch.add(submission(Examples.progress(p -> p.put("department", OFFICE).put("updateId", "burst-" + n)
                    .put("roundId", "relay-round-" + (n % 3 + 1)).put("sequence", n).put("status", "in-progress")
                    .put("progress", "report " + n))));
        }
        List<CommitResult> results = new ArrayList<>();
        for (int from = 0; from < batch.size(); from += 250) {
            results.addAll(ledger.commitAll(batch.subList(from, Math.min(batch.size(), from + 250))));
        }
        assertThat(results).allMatch(r -> r.outcome() == CommitResult.Outcome.ACCEPTED);
        return results.size();
    }

    private static Submission submission(CanonicalDocument doc) {
        return new Submission(doc, doc.department(), "test", "relay-test");
    }

    private static long pending(HikariDataSource db) {
        return new JdbcTemplate(db).queryForObject("select count(*) from outbox where target = ? and delivered_at"
                + " is null", Long.class, TARGET);
    }

    private HikariDataSource h2() {
        HikariDataSource db = TestDatabases.h2();
        databases.add(db);
        return db;
    }

    @Test
    void aBurstAcrossThreeRoundsIsDeliveredExactlyOnceInCommitOrder() {
        HikariDataSource db = h2();
        long committed = commitBurst(TestLedgers.on(db, "hub-1"), 1000);
        Map<Long, AtomicInteger> seen = new ConcurrentHashMap<>();
        DeliveryRelays relays = relays(db, new Recorder(seen));

        long started = System.nanoTime();
        while (pending(db) > 0) {
            relays.drainAll();
        }
        System.out.printf("MEASURED: %d entries delivered in %d ms%n", committed,
                (System.nanoTime() - started) / 1_000_000);

        assertThat(seen).hasSize((int) committed);
        assertThat(seen.values()).allMatch(count -> count.get() == 1);
    }

    @Test
    void aTargetThatIsDownHoldsBackNeitherTheIntakeNorItsOwnCatchUp() throws Exception {
        HikariDataSource db = h2();
        Ledger ledger = TestLedgers.on(db, "hub-1");
        Map<Long, AtomicInteger> seen = new ConcurrentHashMap<>();
        Recorder target = new Recorder(seen);
        DeliveryRelays relays = relays(db, target);
        target.failing.set(true);

        long committed = commitBurst(ledger, 200);
        relays.drainAll();
        Thread.sleep(120);
        relays.drainAll();

        assertThat(seen).isEmpty();
        assertThat(pending(db)).isEqualTo(committed);
        assertThat(new JdbcTemplate(db).queryForObject("select max(attempts) from outbox where target = ?",
                Integer.class, TARGET)).isGreaterThanOrEqualTo(2);
        assertThat(relays.failingSince(TARGET)).isPresent();
        assertThat(new OutboxState(new JdbcTemplate(db)).rows(TARGET, "failed", 10)).isNotEmpty()
                .allSatisfy(row -> assertThat((String) row.get("lastError")).contains("commission's system is down"));

        target.failing.set(false);
        assertThat(new OutboxState(new JdbcTemplate(db)).replay(TARGET, List.of())).isPositive();
        while (pending(db) > 0) {
            relays.drainAll();
        }
        assertThat(seen).hasSize((int) committed);
        assertThat(seen.values()).allMatch(count -> count.get() == 1);
        assertThat(relays.failingSince(TARGET)).isEmpty();
    }

    @Test
    void aRoundTheTargetRefusesIsRetriedThenParkedWhileEveryOtherRoundIsDeliveredOnH2() throws Exception {
        aRoundTheTargetRefusesFailsAlone(h2());
    }

    @Test
    void aRoundTheTargetRefusesIsRetriedThenParkedWhileEveryOtherRoundIsDeliveredOnPostgres() throws Exception {
        Assumptions.assumeTrue(TestDatabases.postgresUrl().isPresent(), TestDatabases.postgresMissingReason());
        HikariDataSource db = TestDatabases.postgres(TestDatabases.postgresUrl().orElseThrow(),
                TestDatabases.freshSchemaName());
        databases.add(db);
        aRoundTheTargetRefusesFailsAlone(db);
    }

    private void aRoundTheTargetRefusesFailsAlone(HikariDataSource db) throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(db);
        long committed = commitBurst(TestLedgers.on(db, "hub-1"), 600);
        List<Long> refused = jdbc.queryForList("select id from ledger_entry where round_id = 'relay-round-2'",
                Long.class);
        Map<Long, AtomicInteger> seen = new ConcurrentHashMap<>();
        Recorder target = new Recorder(seen);
        target.refusedRound = "relay-round-2";
        DeliveryRelays relays = relays(db, target, 3);
        OutboxState state = new OutboxState(jdbc);

        drainUntilNothingIsDue(relays, jdbc);

        assertThat(seen).as("every other round delivered, once").hasSize((int) committed - refused.size())
                .doesNotContainKeys(refused.toArray(Long[]::new));
        assertThat(seen.values()).allMatch(count -> count.get() == 1);
        assertThat(state.parked(TARGET)).isEqualTo(refused.size());
        assertThat(state.rows(TARGET, "parked", 1000)).hasSize(refused.size()).allSatisfy(row -> {
            assertThat(row.get("roundId")).isEqualTo("relay-round-2");
            assertThat(row.get("attempts")).isEqualTo(3);
            assertThat((String) row.get("lastError")).contains("refuses relay-round-2");
            assertThat(row.get("failingSince")).isNotNull();
            assertThat(row.get("parkedAt")).isNotNull();
        });

        target.refusedRound = null;
        assertThat(state.replay(TARGET, List.of())).isEqualTo(refused.size());
        drainUntilNothingIsDue(relays, jdbc);
        assertThat(seen).as("nothing lost").hasSize((int) committed);
        assertThat(seen.values()).allMatch(count -> count.get() == 1);
        assertThat(state.parked(TARGET)).isZero();
    }

    /** Drains until every row is delivered or parked; the back-offs here are tens of milliseconds. */
    private static void drainUntilNothingIsDue(DeliveryRelays relays, JdbcTemplate jdbc) throws InterruptedException {
        for (int round = 0; round < 1000 && jdbc.queryForObject("select count(*) from outbox where target = ? and"
                + " delivered_at is null and parked_at is null", Long.class, TARGET) > 0; round++) {
            relays.drainAll();
            Thread.sleep(10);
        }
    }

    @Test
    void anEntryReplayedAndDeliveredBringsItsRoundsOtherFailedEntriesAlongButNoOtherRounds() {
        HikariDataSource db = h2();
        JdbcTemplate jdbc = new JdbcTemplate(db);
        long committed = commitBurst(TestLedgers.on(db, "hub-1"), 30);
        Map<Long, AtomicInteger> seen = new ConcurrentHashMap<>();
        Recorder target = new Recorder(seen);
        target.failing.set(true);
        DeliveryRelays relays = relays(db, target, Retries.of(Duration.ofMinutes(10), Duration.ofMinutes(10), 100));
        relays.drainAll();
        assertThat(new OutboxState(jdbc).failed(TARGET)).isEqualTo(committed);

        target.failing.set(false);
        List<Long> round = jdbc.queryForList("select id from ledger_entry where round_id = 'relay-round-1'"
                + " order by id", Long.class);
        assertThat(new OutboxState(jdbc).replay(TARGET, List.of(round.get(0)))).isEqualTo(1);
        relays.drainAll();
        relays.drainAll();

        assertThat(seen.keySet()).as("the round mended, not the others").containsExactlyInAnyOrderElementsOf(round);
        assertThat(new OutboxState(jdbc).failed(TARGET)).isEqualTo(committed - round.size());
    }

    @Test
    void twoRelaysOnOnePostgresNeverDeliverAnEntryTwice() throws Exception {
        Assumptions.assumeTrue(TestDatabases.postgresUrl().isPresent(), TestDatabases.postgresMissingReason());
        String url = TestDatabases.postgresUrl().orElseThrow();
        String schema = TestDatabases.freshSchemaName();
        HikariDataSource first = TestDatabases.postgres(url, schema);
        HikariDataSource second = TestDatabases.postgres(url, schema);
        databases.add(first);
        databases.add(second);
        long committed = commitBurst(TestLedgers.on(first, "hub-1"), 1000);
        Map<Long, AtomicInteger> seen = new ConcurrentHashMap<>();
        List<DeliveryRelays> instances = List.of(relays(first, new Recorder(seen)), relays(second, new Recorder(seen)));

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (DeliveryRelays instance : instances) {
                running.add(threads.submit(() -> {
                    while (pending(first) > 0) {
                        instance.drainAll();
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(seen).hasSize((int) committed);
        assertThat(seen.values()).allMatch(count -> count.get() == 1);
    }
}
