package org.rectificationhub;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresBatchInsertsTest {

    private final PostgresBatchInserts settings = new PostgresBatchInserts();

    @Test
    void aPostgresPoolSendsItsBatchedInsertsAsMultiRowInserts() {
        HikariDataSource pool = pool("jdbc:postgresql://db:5432/hub?currentSchema=ledger");

        settings.postProcessAfterInitialization(pool, "dataSource");

        assertThat(pool.getDataSourceProperties()).containsEntry(PostgresBatchInserts.SETTING, "true");
    }

    @Test
    void theEmbeddedDatabaseAndAnOperatorsOwnChoiceAreLeftAlone() {
        HikariDataSource h2 = pool("jdbc:h2:file:./data/db/ledger");
        HikariDataSource chosen = pool("jdbc:postgresql://db:5432/hub?reWriteBatchedInserts=false");
        HikariDataSource configured = pool("jdbc:postgresql://db:5432/hub");
        configured.addDataSourceProperty(PostgresBatchInserts.SETTING, "false");

        settings.postProcessAfterInitialization(h2, "dataSource");
        settings.postProcessAfterInitialization(chosen, "dataSource");
        settings.postProcessAfterInitialization(configured, "dataSource");

        assertThat(h2.getDataSourceProperties()).isEmpty();
        assertThat(chosen.getDataSourceProperties()).isEmpty();
        assertThat(configured.getDataSourceProperties()).containsEntry(PostgresBatchInserts.SETTING, "false");
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        return pool;
    }
}
