package org.rectificationhub.ledger;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.rectificationhub.BatchStages;
import org.rectificationhub.department.Departments;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.nio.file.Path;
import java.util.List;

/**
 * A ledger on a test database, for the tests of capabilities that read what it commits (the relay) and for the
 * benchmark's seed of a large ledger, which commits through the hub's own ledger code and signs checkpoints as the
 * hub does.
 */
public final class TestLedgers {

    private TestLedgers() {
    }

    public static Ledger on(HikariDataSource dataSource, String instance) {
        return LedgerContract.ledgerOn(dataSource, instance);
    }

    /** A ledger that knows these departments, its data (signing key) in this folder. */
    public static Ledger on(HikariDataSource dataSource, Path dataDir, String instance, Departments departments) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return new Ledger(new DataSourceTransactionManager(dataSource), new EntryLog(jdbc), new Projection(jdbc), jdbc,
                departments, LedgerContract.properties(dataDir, instance), LedgerContract.gateOn(jdbc, instance),
                new BatchStages(new SimpleMeterRegistry()));
    }

    /** Signs a checkpoint of the chain head with the key a hub on this data folder signs with; the head's position. */
    public static long signHead(HikariDataSource dataSource, Path dataDir, String instance) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        EntryLog.Head head = new EntryLog(jdbc).head();
        var properties = LedgerContract.properties(dataDir, instance);
        new Checkpoints(jdbc, new SigningKeys(properties, "", List.of()), properties).sign(head.position, head.hash);
        return head.position;
    }

    /** Milliseconds the continuous check takes to verify what was appended after this position. */
    public static double continuousCheckMillis(HikariDataSource dataSource, Path dataDir, String instance,
                                               long fromPosition) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        var properties = LedgerContract.properties(dataDir, instance);
        LedgerVerifier verifier = new LedgerVerifier(jdbc, new Checkpoints(jdbc, new SigningKeys(properties, "",
                List.of()), properties));
        String hash = new EntryLog(jdbc).hashAt(fromPosition).orElseThrow();
        long started = System.nanoTime();
        LedgerVerifier.Report report = verifier.verifySince(fromPosition, hash);
        double millis = (System.nanoTime() - started) / 1e6;
        if (!report.ok()) {
            throw new IllegalStateException("the continuous check found a break: " + report.problem());
        }
        return millis;
    }
}
