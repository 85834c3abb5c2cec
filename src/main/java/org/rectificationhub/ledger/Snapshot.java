package org.rectificationhub.ledger;

import org.rectificationhub.Databases;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Supplier;

/**
 * Reads the ledger as of one moment: a read-only transaction whose every statement sees the same committed state,
 * whatever commits meanwhile. PostgreSQL's REPEATABLE READ is such a snapshot from the first statement on. H2's
 * REPEATABLE READ fixes each table only when the transaction first reads it (a state table read after a commit
 * would show that commit, the log read before would not); its SERIALIZABLE fixes every table at the first
 * statement, and a transaction that only reads takes no lock and holds back no writer.
 */
final class Snapshot {

    private Snapshot() {
    }

    static <T> T read(JdbcTemplate jdbc, Supplier<T> reads) {
        TransactionTemplate snapshot = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(Databases.isPostgres(jdbc) ? TransactionDefinition.ISOLATION_REPEATABLE_READ
                : TransactionDefinition.ISOLATION_SERIALIZABLE);
        return snapshot.execute(tx -> reads.get());
    }
}
