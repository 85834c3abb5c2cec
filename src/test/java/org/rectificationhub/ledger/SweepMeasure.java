package org.rectificationhub.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/**
 * Run by hand, not a test: what the sweep's slices cost on a ledger built by {@code VerificationMeasure build}.
 * {@code SweepMeasure JDBC_URL SLICES} times that many entry slices of {@link LedgerSweep#MIN_ENTRIES} entries spread
 * over the ledger, and one round replayed after another, and prints the cost per entry and per round.
 */
final class SweepMeasure {

    private SweepMeasure() {
    }

    public static void main(String[] args) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setMaximumPoolSize(2);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            SweepChecks checks = new SweepChecks(jdbc);
            long head = new EntryLog(jdbc).head().position;
            int slices = Integer.parseInt(args[1]);
            long chainNanos = 0;
            for (int i = 0; i < slices; i++) {
                long from = head * i / slices;
                long began = System.nanoTime();
                if (checks.entries(from, Math.min(head, from + LedgerSweep.MIN_ENTRIES)).isPresent()) {
                    throw new IllegalStateException("the measured ledger is broken at entries after " + from);
                }
                chainNanos += System.nanoTime() - began;
            }
            List<String> rounds = checks.roundsAfter("", Integer.MAX_VALUE);
            long replayNanos = 0;
            for (String round : rounds) {
                long began = System.nanoTime();
                if (checks.round(round).isPresent()) {
                    throw new IllegalStateException("the measured ledger's round " + round + " differs");
                }
                replayNanos += System.nanoTime() - began;
            }
            double perSlice = chainNanos / 1e6 / slices;
            double perRound = replayNanos / 1e6 / rounds.size();
            double perEntryReplayed = replayNanos / 1e6 / head;
            System.out.printf("ledger of %d entries in %d rounds%n", head, rounds.size());
            System.out.printf("entry slice of %d entries: %.1f ms (%.3f ms an entry), over %d slices%n",
                    LedgerSweep.MIN_ENTRIES, perSlice, perSlice / LedgerSweep.MIN_ENTRIES, slices);
            System.out.printf("round replayed: %.0f ms a round of about %d entries (%.3f ms an entry replayed)%n",
                    perRound, head / rounds.size(), perEntryReplayed);
            double day = 1_000_000 * (perSlice / LedgerSweep.MIN_ENTRIES + perEntryReplayed) / 1000;
            System.out.printf("a day's sweep of 1,000,000 entries: about %.0f s of work (%.1f%% of a day)%n", day,
                    day / 864);
        }
    }
}
