package org.rectificationhub.ledger;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.TestDatabases;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LedgerOnPostgresTest extends LedgerTamperContract {

    private String schema;

    @Override
    HikariDataSource newDatabase() {
        String url = TestDatabases.postgresUrl().orElse(null);
        if (url == null) {
            System.out.println(TestDatabases.postgresMissingReason());
        }
        assumeTrue(url != null, TestDatabases::postgresMissingReason);
        schema = TestDatabases.freshSchemaName();
        return TestDatabases.postgres(url, schema);
    }

    @Override
    void dropDatabase() {
        if (schema != null) {
            jdbc.execute("drop schema " + schema + " cascade");
        }
    }

    @Override
    void bypassAppendOnlyGuard() {
        jdbc.execute("alter table ledger_entry disable trigger ledger_entry_append_only");
    }

    /** Several hub instances writing to one database at once must still produce one valid chain. */
    @Test
    void concurrentWritersFromSeveralInstancesKeepOneValidChain() throws Exception {
        registerRound();
        int instances = 3;
        int perInstance = 60;
        List<HikariDataSource> pools = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(instances * 2);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                HikariDataSource pool = TestDatabases.postgres(TestDatabases.postgresUrl().orElseThrow(), schema);
                pools.add(pool);
                Ledger instance = ledgerOn(pool, "hub-" + i);
                for (int t = 0; t < 2; t++) {
                    int writer = i * 2 + t;
                    work.add(threads.submit(() -> {
                        for (int n = 0; n < perInstance / 2; n++) {
                            int seq = writer * 1000 + n + 1;
                            CanonicalDocument doc = Examples.progress(p -> p.put("updateId", "w" + writer + "-" + seq)
                                    .put("department", Examples.OFFICE).put("sequence", seq)
                                    .put("status", "in-progress").put("progress", "writer " + writer + " #" + seq));
                            instance.commit(new Submission(doc, Examples.OFFICE, "test", "concurrent"));
                        }
                    }));
                }
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
            pools.forEach(HikariDataSource::close);
        }

        LedgerVerifier.Report report = verifier.verify();
        assertThat(report.ok()).as(report.problem() == null ? "" : report.problem()).isTrue();
        assertThat(report.entries()).isEqualTo(1 + instances * perInstance);
        assertThat(jdbc.queryForList("select distinct hub_instance from ledger_entry where channel = 'test'"
                + " and source = 'concurrent'", String.class)).hasSize(instances);
    }
}
