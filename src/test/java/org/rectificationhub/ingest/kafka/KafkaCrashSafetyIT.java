package org.rectificationhub.ingest.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone hub (the packaged jar, its own in-process broker) killed with SIGKILL while it consumes, then
 * restarted on the same data dir: every update is in the ledger exactly once and has a receipt.
 */
class KafkaCrashSafetyIT {

    private static final int UPDATES = 5_000;
    private static final String ROUND = "crash";
    private static final String PASSWORD = "crash-test-password";

    /** Under target/, not a JUnit temp dir: the two runs' logs stay for whoever reads a failure. */
    private final Path dataDir = createDataDir();
    private Process hub;

    private static Path createDataDir() {
        try {
            Path base = Files.createDirectories(Path.of("target", "kafka-crash-it"));
            return Files.createTempDirectory(base.toAbsolutePath(), "run-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stopHub() throws InterruptedException {
        if (hub != null && hub.isAlive()) {
            hub.destroy();
            if (!hub.waitFor(30, TimeUnit.SECONDS)) {
                hub.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void aHubKilledWhileConsumingRecordsEveryUpdateExactlyOnceAfterItsRestart() throws Exception {
        Map<String, String> env = Map.of("SERVER_PORT", String.valueOf(freePort()),
                "HUB_KAFKA_PORT", String.valueOf(freePort()), "HUB_KAFKA_CONTROLLER_PORT", String.valueOf(freePort()),
                "HUB_DATA_DIR", dataDir.toString(), "HUB_OPERATOR_PASSWORD", PASSWORD);
        String brokers = "localhost:" + env.get("HUB_KAFKA_PORT");

        hub = start(env, "first");
        try (KafkaClient kafka = new KafkaClient(brokers)) {
            kafka.send(Updates.OFFICE, ROUND, Updates.round(ROUND));
            kafka.flush();
            kafka.receiptsUntil(all -> !KafkaClient.about(all, "round-" + ROUND).isEmpty(), 180, TimeUnit.SECONDS);
            for (int i = 0; i < UPDATES; i++) {
                int p = i % 3;
                String department = Updates.RESPONSIBLE[p];
                kafka.send(department, ROUND + "/" + p, Updates.bytes(Updates.progress(ROUND, department,
                        Updates.PROBLEMS[p], i + 1, ROUND + "-" + department + "-" + i)));
            }
            kafka.flush();
            List<JsonNode> before = kafka.receiptsUntil(all -> KafkaClient.about(all, ROUND + "-").size() >= 500,
                    120, TimeUnit.SECONDS);
            hub.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no offset commit, no broker shutdown
            hub.waitFor();
            int seen = KafkaClient.about(before, ROUND + "-").size();
            System.out.printf("MEASURED: killed the hub after %d of %d receipts%n", seen, UPDATES);
            assertThat(seen).as("killed while consuming").isLessThan(UPDATES);
        }

        hub = start(env, "second");
        try (KafkaClient kafka = new KafkaClient(brokers)) {
            List<JsonNode> receipts = kafka.receiptsUntil(all -> KafkaClient.about(all, ROUND + "-").stream()
                    .map(r -> r.path("updateId").asText()).distinct().count() >= UPDATES, 300, TimeUnit.SECONDS);
            List<JsonNode> ours = KafkaClient.about(receipts, ROUND + "-");
            assertThat(ours).noneMatch(r -> r.path("status").asText().equals("rejected"));
            System.out.printf("MEASURED: %d receipts for %d updates (repeats after the crash say duplicate: %d)%n",
                    ours.size(), UPDATES, ours.stream().filter(r -> r.path("status").asText().equals("duplicate")).count());
        }
        String base = "http://localhost:" + env.get("SERVER_PORT");
        JsonNode problems = get(base + "/api/rounds/" + ROUND + "/problems");
        long entries = 0;
        for (JsonNode problem : problems) {
            entries += problem.path("entries").asLong();
        }
        assertThat(entries).as("problem entries: the registration counts once per problem").isEqualTo(UPDATES + 3L);
        JsonNode verify = get(base + "/api/ledger/verify");
        assertThat(verify.path("ok").asBoolean()).isTrue();
        assertThat(verify.path("entries").asLong()).isEqualTo(UPDATES + 1L);
    }

    private Process start(Map<String, String> env, String name) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-jar", System.getProperty("hub.jar", "target/rectification-hub.jar"));
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(dataDir.resolve(name + ".log").toFile());
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        HttpClient http = HttpClient.newHttpClient();
        URI health = URI.create("http://localhost:" + env.get("SERVER_PORT") + "/actuator/health");
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("hub exited; see " + dataDir.resolve(name + ".log")).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("hub did not become healthy; see " + dataDir.resolve(name + ".log"));
    }

    private static JsonNode get(String url) throws Exception {
        String auth = Base64.getEncoder().encodeToString(("operator:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Basic " + auth).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return CanonicalJson.mapper().readTree(response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
