package org.rectificationhub;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HubFolders;
import org.rectificationhub.support.MailBox;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.rectificationhub.support.Examples.URBAN;

/**
 * The standalone hub as it runs out of the box (embedded database, its own Kafka broker, files archived and
 * failed), started and stopped under the usual umask 022: afterwards every file under the data dir is 0600 and
 * every folder 0700, whoever wrote it (the hub, H2, Kafka, a sender's file moved out of the inbox).
 */
class DataDirAtRestTest {

    static final HubFolders hub = HubFolders.create();
    static final Path dataDir = hub.dataDir();

    @BeforeAll
    static void runAndStop() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(HubApplication.class).run(
                "--server.port=0", "--hub.data-dir=" + dataDir, "--hub.mail.enabled=false",
                "--hub.kafka.port=" + MailBox.freePort(),
                "--hub.kafka.controller-port=" + MailBox.freePort(),
                "--hub.file.settle-time=100", "--hub.file.poll-delay=50");
        try {
            hub.drop(OFFICE, "round.json", Examples.roundJson().toString());
            hub.drop(URBAN, "broken.json", "{ not json");
            hub.awaitInboxEmpty(Duration.ofSeconds(30));
        } finally {
            context.close();
        }
    }

    @Test
    void everyFileUnderTheDataDirIsTheHubsAloneOnceItHasRunIncludingTheDatabaseAndTheKafkaLog() throws Exception {
        List<String> open = new ArrayList<>();
        List<Path> seen = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dataDir)) {
            all.forEach(path -> {
                try {
                    if (Files.isSymbolicLink(path)) {
                        return;
                    }
                    String expected = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "rwx------" : "rw-------";
                    String actual = PosixFilePermissions.toString(Files.getPosixFilePermissions(path,
                            LinkOption.NOFOLLOW_LINKS));
                    seen.add(dataDir.relativize(path));
                    if (!actual.equals(expected)) {
                        open.add(dataDir.relativize(path) + " " + actual);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        assertThat(seen).as("the run wrote what the test means to check").contains(Path.of("db/ledger.mv.db"),
                Path.of("kafka/meta.properties"));
        assertThat(seen).anyMatch(p -> p.startsWith("archive") && p.toString().endsWith("-round.json"))
                .anyMatch(p -> p.startsWith("error") && p.toString().endsWith("-broken.json"))
                .anyMatch(p -> p.startsWith("kafka") && p.toString().endsWith(".log"));
        assertThat(open).isEmpty();
    }
}
