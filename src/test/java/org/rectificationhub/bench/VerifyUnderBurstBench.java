package org.rectificationhub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.support.TestDatabases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21's check of the full verification under load ({@code ./mvnw -Pbench verify}): a burst of Kafka updates
 * into the packaged hub while an operator asks for a full verification every 200 ms and a load balancer asks for
 * health as often. Every verification must find the ledger intact (a commit racing the check is not a break),
 * health must stay 200, and every update must be recorded. On PostgreSQL when HUB_BENCH_POSTGRES_URL is set, else
 * on the embedded H2. Size: -Dbench.burst (default 3,000).
 */
class VerifyUnderBurstBench {

    static final int BURST = Integer.getInteger("bench.burst", 3_000);

    @Test
    void fullVerificationsDuringABurstFindNoBreakAndHealthStaysUp() throws Exception {
        Path out = Files.createDirectories(DrainBench.OUT);
        Path classArchive = StartUp.trainArchive(Files.createDirectories(out.resolve("class-archive")));
        Random random = new Random(21);
        List<BenchData.Update> updates = new ArrayList<>();
        for (int n = 1; n <= BURST; n++) {
            updates.add(BenchData.update("burst-", n, random));
        }
        String postgres = System.getenv("HUB_BENCH_POSTGRES_URL");
        Map<String, String> database = Map.of();
        if (postgres != null && !postgres.isBlank()) {
            String schema = TestDatabases.freshSchemaName();
            database = Map.of("SPRING_DATASOURCE_URL", TestDatabases.withSchema(postgres, schema),
                    "SPRING_FLYWAY_SCHEMAS", schema);
        }
        System.out.println("BENCH: the burst on " + (database.isEmpty() ? "embedded H2" : "PostgreSQL"
                + " (HUB_BENCH_POSTGRES_URL)"));
        try (HubRun hub = new HubRun(out.resolve("burst-" + System.nanoTime()), database, classArchive).start()) {
            hub.register();
            AtomicLong verifications = new AtomicLong();
            AtomicLong busy = new AtomicLong();
            AtomicLong healthNot200 = new AtomicLong();
            List<String> breaks = new CopyOnWriteArrayList<>();
            // Asked every 200 ms whether or not the last ask has been answered, as impatient operators and scripts
            // ask: asks that find a run under way are told so (409), the others run.
            ScheduledExecutorService askers = Executors.newScheduledThreadPool(8);
            askers.scheduleAtFixedRate(() -> askers.execute(() -> {
                try {
                    JsonNode answer = verify(hub);
                    if (answer.path("running").asBoolean(false)) {
                        busy.incrementAndGet();
                    } else if (answer.path("ok").asBoolean()) {
                        verifications.incrementAndGet();
                    } else {
                        breaks.add(answer.toString());
                    }
                } catch (Exception failed) {
                    breaks.add(failed.toString());
                }
            }), 0, 200, TimeUnit.MILLISECONDS);
            askers.scheduleAtFixedRate(() -> {
                if (hub.hub.status("/actuator/health") != 200) {
                    healthNot200.incrementAndGet();
                }
            }, 100, 200, TimeUnit.MILLISECONDS);
            Baselines.Rate burst = hub.burst("burst-", updates);
            askers.shutdown();
            askers.awaitTermination(5, TimeUnit.MINUTES);
            System.out.printf("BENCH: burst of %d updates recorded in %.1f s (%.0f/s) with %d full verifications"
                    + " intact, %d asks finding one running, %d not intact, health not 200 %d times%n", BURST,
                    burst.seconds(), burst.perSecond(), verifications.get(), busy.get(), breaks.size(),
                    healthNot200.get());
            assertThat(breaks).isEmpty();
            assertThat(healthNot200.get()).isZero();
            assertThat(verifications.get()).isPositive();
        }
    }

    /** The full verification's answer; a 409 (one already running) answers with the running one. */
    private static JsonNode verify(HubRun hub) throws Exception {
        try {
            return CanonicalJson.mapper().readTree(hub.hub.post("/api/ledger/verify"));
        } catch (IllegalStateException refused) {
            String said = refused.getMessage();
            if (said.contains(" answered 409: ")) {
                return CanonicalJson.mapper().readTree(said.substring(said.indexOf(" answered 409: ") + 15));
            }
            throw refused;
        }
    }
}
