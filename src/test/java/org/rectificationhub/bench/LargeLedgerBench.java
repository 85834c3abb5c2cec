package org.rectificationhub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ledger.TestLedgers;
import org.rectificationhub.support.ChildHub;
import org.rectificationhub.support.HubFolders;
import org.rectificationhub.support.TestDatabases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 26's {@code large_ledger} phase ({@code ./mvnw -Pbench verify -Dit.test=LargeLedgerBench}): a ledger of
 * -Dbench.entries (default 1,000,000) seeded through the hub's own ledger code ({@link LargeLedgerSeed}), the
 * continuous check's cost per 1,000 new entries at a small and at the large size, then the packaged hub started on
 * it (-Xmx384m, the standalone heap) and a full verification asked of it over the API, its heap peak read from the
 * hub's GC log (the heap in use before each collection during the run: it never held more). On PostgreSQL when
 * HUB_BENCH_POSTGRES_URL is set, else on an H2 file. Merged into target/bench/results.json under
 * {@code large_ledger}, by database. -Dbench.keep=NAME keeps the seeded ledger (schema bench_large_NAME, folder
 * target/bench/large-NAME) and a later run with the same name measures it again without seeding (a ledger seeded
 * further by the run measuring it: it grows by 5,000 entries a run).
 */
class LargeLedgerBench {

    static final long ENTRIES = Long.getLong("bench.entries", 1_000_000);
    private static final long SMALL = 10_000;
    private static final Pattern GC_PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    @Test
    void aMillionEntryLedgerStartsAndVerifiesInsideTheStandaloneHeap() throws Exception {
        Path out = Files.createDirectories(DrainBench.OUT);
        String kept = System.getProperty("bench.keep", "");
        Path run = Files.createDirectories(out.resolve("large-" + (kept.isEmpty() ? System.nanoTime() : kept)));
        // The hub's own data folder: the seed signs its checkpoints with the key the hub will hold them to.
        Path dataDir = Files.createDirectories(run.resolve("hub"));
        String postgres = System.getenv("HUB_BENCH_POSTGRES_URL");
        boolean onPostgres = postgres != null && !postgres.isBlank();
        String schema = kept.isEmpty() ? TestDatabases.freshSchemaName() : "bench_large_" + kept;
        String url = onPostgres ? TestDatabases.withSchema(postgres, schema)
                : "jdbc:h2:file:" + run.resolve("db").resolve("large") + ";WRITE_DELAY=0";
        Map<String, String> database = onPostgres
                ? Map.of("SPRING_DATASOURCE_URL", url, "SPRING_FLYWAY_SCHEMAS", schema)
                : Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", "hub",
                "SPRING_DATASOURCE_PASSWORD", "");
        Map<String, Object> result = new LinkedHashMap<>();
        System.out.println("BENCH: large ledger of " + ENTRIES + " entries on " + (onPostgres ? "PostgreSQL" : "H2")
                + "; load " + Proc.loadAverage());
        try {
            seed(run, dataDir, url, onPostgres, schema, result);
            System.out.println("BENCH: seeded " + result + "; load " + Proc.loadAverage());
            startHub(dataDir, database, result);
            JsonNode report = verifyOffline(run, dataDir, database, result);
            merge(out.resolve("results.json"), onPostgres ? "postgresql" : "h2", result);
            assertThat(report.path("ok").asBoolean()).as(report.toString()).isTrue();
            assertThat(report.path("entries").asLong()).isEqualTo((long) result.get("entries"));
            assertThat(report.path("checkpoints").asInt()).isPositive();
        } finally {
            if (onPostgres && kept.isEmpty()) {
                try (HikariDataSource admin = pool(postgres, true, null)) {
                    admin.getConnection().createStatement().execute("drop schema " + schema + " cascade");
                }
            }
        }
    }

    /** Seeds the ledger up to the size asked (a kept one grows on), measuring the continuous check on the way. */
    private static void seed(Path run, Path dataDir, String url, boolean onPostgres, String schema,
                             Map<String, Object> result) throws Exception {
        long seeding = System.nanoTime();
        try (HikariDataSource dataSource = pool(url, onPostgres, schema)) {
            LargeLedgerSeed seed = new LargeLedgerSeed(dataSource, dataDir);
            if (seed.head() == 0) {
                seed.registerRounds();
            }
            Map<String, Object> continuous = new LinkedHashMap<>();
            if (seed.head() < SMALL) {
                seed.growTo(SMALL);
                continuous.put("at_" + seed.head(), round(continuousPer1000(seed, dataSource, dataDir)));
            }
            if (seed.head() < ENTRIES) {
                seed.growTo(ENTRIES);
                result.put("seed_s", round((System.nanoTime() - seeding) / 1e9));
            }
            continuous.put("at_" + seed.head(), round(continuousPer1000(seed, dataSource, dataDir)));
            result.put("entries", seed.head());
            result.put("continuous_ms_per_1000", continuous);
            result.putAll(seeded(run.resolve("seed.json"), result));
            TestLedgers.signHead(dataSource, dataDir, LargeLedgerSeed.INSTANCE);
        }
    }

    /**
     * The packaged hub started on the ledger as the Docker image starts it: its time to healthy, and whether what
     * it does after (the public site regenerated at start, the relay) leaves it healthy a minute later.
     */
    private static void startHub(Path dataDir, Map<String, String> database, Map<String, Object> result)
            throws Exception {
        Path classArchive = StartUp.trainArchive(Files.createDirectories(DrainBench.OUT.resolve("class-archive")));
        try (HubRun hub = new HubRun(dataDir, database, classArchive).start()) {
            result.put("startup_s", round(hub.startupSeconds));
            Thread.sleep(60_000);
            result.put("hub_healthy_60s_after_start", hub.hub.status("/actuator/health") == 200);
            result.put("hub_out_of_memory", Files.readString(dataDir.resolve("child-hub.log"))
                    .contains("OutOfMemoryError"));
        }
    }

    /**
     * The full verification as an auditor or an operator runs it offline (the verify command, in the hub's heap),
     * its time and heap peak put into the result; its report.
     */
    private static JsonNode verifyOffline(Path run, Path dataDir, Map<String, String> database,
                                          Map<String, Object> result) throws Exception {
        // The full verification as an auditor or operator runs it offline: the verify command, in the hub's heap.
        Path gcLog = run.resolve("verify-gc.log");
        Files.deleteIfExists(gcLog);
        Path printed = run.resolve("verify-command.out");
        List<String> line = new java.util.ArrayList<>(List.of(ChildHub.java()));
        line.addAll(ChildHub.defaultJvmOptions());
        line.addAll(List.of("-Xlog:gc:file=" + gcLog, "-jar", ChildHub.packagedJar().toString(), "verify"));
        ProcessBuilder command = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(printed.toFile());
        command.environment().putAll(database);
        command.environment().put("HUB_DATA_DIR", dataDir.toString());
        command.environment().put("HUB_OPERATOR_PASSWORD", HubFolders.OPERATOR_PASSWORD);
        command.environment().put("HUB_MAIL_ENABLED", "false");
        long started = System.nanoTime();
        Process verify = command.start();
        boolean done = verify.waitFor(1, TimeUnit.HOURS);
        result.put("verify_s", round((System.nanoTime() - started) / 1e9));
        String output = Files.readString(printed);
        result.put("verify_heap_peak_mb", heapPeakMb(Files.readAllLines(gcLog)));
        result.put("out_of_memory", output.contains("OutOfMemoryError"));
        result.put("verify_jvm", String.join(" ", ChildHub.defaultJvmOptions()));
        result.put("load_average", Proc.loadAverage());
        System.out.println("BENCH: large_ledger " + result + " verification " + output.lines().reduce((x, y) -> y)
                .orElse(""));
        JsonNode report = CanonicalJson.mapper().readTree(output.substring(output.lastIndexOf('\n', output.length()
                - 2) + 1));
        result.put("verify_ok", done && verify.exitValue() == 0 && report.path("ok").asBoolean());
        return report;
    }

    /**
     * What seeding a kept ledger measured (its time, the continuous check at the small size), written when it was
     * seeded and read back when it is measured again.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> seeded(Path file, Map<String, Object> now) throws Exception {
        Map<String, Object> kept = new LinkedHashMap<>();
        if (Files.exists(file)) {
            kept.putAll(CanonicalJson.mapper().readValue(file.toFile(), LinkedHashMap.class));
        }
        if (now.containsKey("seed_s")) {
            kept.put("seed_s", now.get("seed_s"));
        }
        Map<String, Object> continuous = new LinkedHashMap<>((Map<String, Object>) kept.getOrDefault(
                "continuous_ms_per_1000", Map.of()));
        continuous.putAll((Map<String, Object>) now.get("continuous_ms_per_1000"));
        kept.put("continuous_ms_per_1000", continuous);
        Files.writeString(file, CanonicalJson.write(kept));
        return kept;
    }

    /** The continuous check over 1,000 entries appended on top of the ledger, the best of five (the JIT warms). */
    private static double continuousPer1000(LargeLedgerSeed seed, HikariDataSource dataSource, Path dataDir) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long from = seed.head();
            seed.growTo(from + 1000);
            best = Math.min(best, TestLedgers.continuousCheckMillis(dataSource, dataDir, LargeLedgerSeed.INSTANCE,
                    from));
        }
        return best;
    }

    /** The most heap in use before any collection in these GC log lines (e.g. {@code 212M->48M(384M)}). */
    static long heapPeakMb(List<String> gcLines) {
        long peak = 0;
        for (String line : gcLines) {
            Matcher pause = GC_PAUSE.matcher(line);
            if (pause.find()) {
                peak = Math.max(peak, Long.parseLong(pause.group(1)));
            }
        }
        return peak;
    }

    private static HikariDataSource pool(String url, boolean onPostgres, String schema) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(4);
        if (!onPostgres) {
            config.setUsername("hub");
            config.setPassword("");
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        if (schema != null) {
            var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common",
                    "classpath:db/migration/" + (onPostgres ? "postgresql" : "h2"));
            if (onPostgres) {
                flyway.schemas(schema).createSchemas(true);
            }
            flyway.load().migrate();
        }
        return dataSource;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** Adds this phase to results.json, leaving the other phases as they are. */
    @SuppressWarnings("unchecked")
    private static void merge(Path results, String databaseName, Map<String, Object> phase) throws Exception {
        Map<String, Object> all = Files.exists(results)
                ? CanonicalJson.mapper().readValue(results.toFile(), LinkedHashMap.class) : new LinkedHashMap<>();
        Map<String, Object> large = (Map<String, Object>) all.computeIfAbsent("large_ledger",
                k -> new LinkedHashMap<>());
        large.put(databaseName, phase);
        Files.writeString(results, CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(all));
    }
}
