package org.rectificationhub.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.HdrHistogram.Histogram;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.support.ChildHub;
import org.rectificationhub.support.TestDatabases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The performance harness ({@code ./mvnw -Pbench verify}; not part of the test run): the hub against the limits
 * of its own parts, in one run on the same generated data, on the embedded H2 database and, when
 * HUB_BENCH_POSTGRES_URL is set, on PostgreSQL. Prints a table and writes target/bench/results.json. Sizes:
 * -Dbench.records (drain), -Dbench.paced-seconds, -Dbench.files.
 */
class DrainBench {

    static final int RECORDS = Integer.getInteger("bench.records", 20_000);
    static final int PACED_SECONDS = Integer.getInteger("bench.paced-seconds", 30);
    static final int FILES = Integer.getInteger("bench.files", 2_000);
    static final Path OUT = Path.of("target", "bench").toAbsolutePath();

    @Test
    void theHubAgainstItsOwnParts() throws Exception {
        Files.createDirectories(OUT);
        List<BenchData.Update> updates = new ArrayList<>();
        Random random = new Random(2026);
        for (int n = 1; n <= RECORDS; n++) {
            updates.add(BenchData.update(n, random));
        }
        Map<String, Object> results = new LinkedHashMap<>();
        Path classArchive = StartUp.trainArchive(Files.createDirectories(OUT.resolve("class-archive")));
        if (Boolean.parseBoolean(System.getProperty("bench.h2", "true"))) {
            results.putAll(run("h2", Map::of, classArchive, updates, this::h2));
        } else {
            System.out.println("BENCH: -Dbench.h2=false: embedded H2 not measured (a partial run, for profiling)");
        }
        String postgres = System.getenv("HUB_BENCH_POSTGRES_URL");
        if (postgres != null && !postgres.isBlank()) {
            Supplier<Map<String, String>> freshSchema = () -> {
                String schema = TestDatabases.freshSchemaName();
                return Map.of("SPRING_DATASOURCE_URL", TestDatabases.withSchema(postgres, schema),
                        "SPRING_FLYWAY_SCHEMAS", schema);
            };
            results.put("postgresql", run("postgresql", freshSchema, classArchive, updates,
                    name -> TestDatabases.postgres(postgres, TestDatabases.freshSchemaName())));
        } else {
            System.out.println("BENCH: HUB_BENCH_POSTGRES_URL is not set: PostgreSQL not measured");
        }
        results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.version")));
        results.put("configuration", Map.of("records", RECORDS, "pacedSeconds", PACED_SECONDS, "files", FILES,
                "departments", BenchData.DEPARTMENTS, "problems", BenchData.ROUNDS * BenchData.PROBLEMS_PER_ROUND,
                "partitions", 2, "hubJvm", String.join(" ", ChildHub.defaultJvmOptions())));
        Files.writeString(OUT.resolve("results.json"), CanonicalJson.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(results));
        System.out.println(BenchTable.render(results));
        assertThat(OUT.resolve("results.json")).exists();
    }

    interface Database {
        HikariDataSource fresh(String name) throws Exception;
    }

    private HikariDataSource h2(String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + OUT.resolve("db-" + name + "-" + System.nanoTime()) + ";WRITE_DELAY=0");
        config.setMaximumPoolSize(4);
        HikariDataSource db = new HikariDataSource(config);
        Flyway.configure().dataSource(db).locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load().migrate();
        return db;
    }

    /** One ledger's run; each start of a hub gets a database of its own (a fresh schema on PostgreSQL). */
    private Map<String, Object> run(String kind, Supplier<Map<String, String>> database, Path classArchive,
                                    List<BenchData.Update> updates, Database baseline) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> rates = new LinkedHashMap<>();
        Map<String, Object> cpu = new LinkedHashMap<>();
        out.put("startup_packaged_jar_s", StartUp.fromPackagedJar(OUT.resolve(kind + "-packaged-" + System.nanoTime()),
                database.get()));
        try (HubRun hub = new HubRun(OUT.resolve(kind + "-" + System.nanoTime()), database.get(), classArchive)
                .start()) {
            hub.register();
            Map<String, double[]> stagesBefore = hub.stages();
            Baselines.Rate drain = hub.drain(updates);
            // where a drained batch spent its time, waiting included (the profile shows only time on CPU)
            out.put("drain_batch_stages_ms", HubRun.stagesBetween(stagesBefore, hub.stages()));
            long peakRss = Proc.peakRssMb(hub.hub.pid());
            // Each phase starts from a quiet hub: the relays' work on what came before (the site, the commission)
            // would otherwise be billed to the next phase, and the baselines would share the cores with it.
            double settled = hub.awaitIdle();
            Histogram latency = hub.paced(drain.perSecond() / 2, PACED_SECONDS);
            settled += hub.awaitIdle();
            Baselines.Rate files = hub.files(FILES);
            settled += hub.awaitIdle();
            out.put("settle_s", settled);
            Baselines.Rate b0 = Baselines.b0(hub.brokers, RECORDS + BenchData.ROUNDS);
            Baselines.Rate b2;
            try (HikariDataSource db = baseline.fresh("b2")) {
                b2 = Baselines.b2(db, hub.brokers, RECORDS);
            }
            Baselines.Rate b1;
            try (HikariDataSource db = baseline.fresh("b1")) {
                b1 = Baselines.b1(db, updates);
            }
            out.put("ratios", Map.of("hub_vs_b0", drain.perSecond() / b0.perSecond(),
                    "hub_vs_b1", drain.perSecond() / b1.perSecond(), "hub_vs_b2", drain.perSecond() / b2.perSecond()));
            out.put("paced", Map.of("rate_per_s", drain.perSecond() / 2, "p50_ms", latency.getValueAtPercentile(50),
                    "p99_ms", latency.getValueAtPercentile(99), "p999_ms", latency.getValueAtPercentile(99.9),
                    "max_ms", latency.getMaxValue()));
            rates.put("b0", b0.perSecond());
            rates.put("b1", b1.perSecond());
            rates.put("b2", b2.perSecond());
            rates.put("hub", drain.perSecond());
            rates.put("hub_files", files.perSecond());
            out.put("records_per_s", rates);
            cpu.put("b0", b0.cpuPerThousand());
            cpu.put("b1", b1.cpuPerThousand());
            cpu.put("b2", b2.cpuPerThousand());
            cpu.put("hub", drain.cpuPerThousand());
            cpu.put("hub_files", files.cpuPerThousand());
            out.put("cpu_s_per_1000", cpu);
            out.put("hub_rss_mb", peakRss);
            out.put("hub_idle_rss_mb", hub.idleRssMb);
            out.put("startup_s", hub.startupSeconds);
        }
        return out;
    }
}
