package org.rectificationhub.support;

import org.awaitility.Awaitility;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A hub's data dir for one test class, and the settings that make the file channel quick to test. */
public final class HubFolders {

    public static final String OPERATOR_PASSWORD = "test-operator-password";

    private final Path dataDir;

    private HubFolders(Path dataDir) {
        this.dataDir = dataDir;
    }

    public static HubFolders create() {
        try {
            return new HubFolders(Files.createTempDirectory("hub-test-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Standalone settings on the embedded database in this data dir, without Kafka. */
    public void register(DynamicPropertyRegistry registry) {
        registerWithKafka(registry);
        registry.add("hub.kafka.enabled", () -> "false");
    }

    /** The same, leaving the Kafka channel as the test configures it. */
    public void registerWithKafka(DynamicPropertyRegistry registry) {
        registerCommon(registry);
        // StandaloneDefaults derives the ledger file from hub.data-dir before test properties exist: name it here.
        registry.add("spring.datasource.url",
                () -> "jdbc:h2:file:" + dataDir.resolve("db/ledger").toAbsolutePath() + ";WRITE_DELAY=0");
    }

    /** The same hub on PostgreSQL, in a schema of its own. */
    public void registerPostgres(DynamicPropertyRegistry registry, String baseUrl, String schema) {
        registerCommon(registry);
        registry.add("hub.kafka.enabled", () -> "false");
        registry.add("spring.datasource.url", () -> TestDatabases.withSchema(baseUrl, schema));
        registry.add("spring.flyway.schemas", () -> schema);
    }

    private void registerCommon(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", dataDir::toString);
        registry.add("hub.file.settle-time", () -> "200");
        registry.add("hub.file.poll-delay", () -> "100");
        registry.add("hub.retry.delay", () -> "10");
        registry.add("hub.operator.password", () -> OPERATOR_PASSWORD);
        // The mail channel's tests switch it on with a server of their own; others need no mail server.
        registry.add("hub.mail.enabled", () -> "false");
        // Tests read the site right after a delivery; SiteFollowsTheLedgerTest keeps an interval and waits for it.
        registry.add("hub.site.min-interval", () -> "0s");
    }

    public Path inbox(String department) {
        return dataDir.resolve("inbox").resolve(department);
    }

    /** Writes under a temporary name, then renames: how a careful sender drops a file. */
    public Path drop(String department, String name, String content) {
        return drop(department, name, content.getBytes(StandardCharsets.UTF_8));
    }

    public Path drop(String department, String name, byte[] content) {
        try {
            Path folder = Files.createDirectories(inbox(department));
            Path temporary = folder.resolve("." + name + ".tmp");
            Files.write(temporary, content);
            return Files.move(temporary, folder.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Regular files under a folder, leaving out Camel's lock markers; retried while the hub moves files. */
    public List<Path> files(String folder) {
        Path root = dataDir.resolve(folder);
        for (int attempt = 0; ; attempt++) {
            if (!Files.exists(root)) {
                return List.of();
            }
            try (Stream<Path> walk = Files.walk(root)) {
                return walk.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().endsWith(".camelLock")).sorted().toList();
            } catch (IOException | UncheckedIOException vanishedDuringWalk) {
                if (attempt > 20) {
                    throw new IllegalStateException(vanishedDuringWalk);
                }
            }
        }
    }

    /**
     * The entry the hub moved to archive/ or error/ whose name ends with {@code nameEnd} (not its reason file), once
     * it is there; links, pipes and folders included, none of them followed.
     */
    public Path awaitMoved(String folder, String nameEnd, Duration timeout) {
        Path root = dataDir.resolve(folder);
        return Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!Files.exists(root)) {
                return null;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                return walk.filter(p -> p.getFileName().toString().endsWith(nameEnd)).findFirst().orElse(null);
            } catch (IOException | UncheckedIOException movingMeanwhile) {
                return null;
            }
        }, Objects::nonNull);
    }

    /**
     * A writer that never finishes: a line every 100 ms through one stream kept open (so once the hub moves the
     * file, the writing goes on where it was moved), until closed.
     */
    public AutoCloseable keepWriting(String department, String name) throws IOException {
        OutputStream out = Files.newOutputStream(inbox(department).resolve(name));
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        writer.scheduleAtFixedRate(() -> {
            try {
                out.write("巡察整改进展\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException closed) {
                // closed below: the writer is done
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        return () -> {
            writer.shutdownNow();
            out.close();
        };
    }

    /** What the hub wrote beside a rejected file; the reason is written just after the move, so it is waited for. */
    public static String reasonBeside(Path moved) {
        Path reason = moved.resolveSibling(moved.getFileName() + ".reason.txt");
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> Files.exists(reason));
        try {
            return Files.readString(reason);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void awaitInboxEmpty(Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> files("inbox").isEmpty());
    }
}
