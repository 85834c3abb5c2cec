package org.rectificationhub;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rectificationhub.support.HubFolders;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rectificationhub.support.Examples.URBAN;

/**
 * The standalone hub started on a data dir an earlier version left behind (open folders, a ledger database
 * without password): from then on the data dir is the hub's own and the database opens only with its password.
 */
@ExtendWith(OutputCaptureExtension.class)
class StandaloneAtRestTest {

    static final HubFolders hub = HubFolders.create();
    static final Path dataDir = hub.dataDir();
    static final String url = "jdbc:h2:file:" + dataDir.resolve("db/ledger") + ";WRITE_DELAY=0";
    static ConfigurableApplicationContext context;
    static String log;

    @BeforeAll
    static void startOnAnOldDataDir(CapturedOutput output) throws Exception {
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        DriverManager.getConnection(url, "hub", "").close();
        // no passwords configured: the operator's and the metrics user's are generated too
        context = new SpringApplicationBuilder(HubApplication.class).run("--server.port=0",
                "--hub.data-dir=" + dataDir, "--hub.kafka.enabled=false", "--hub.mail.enabled=false",
                "--hub.file.settle-time=100", "--hub.file.poll-delay=50");
        hub.drop(URBAN, "broken.json", "{ not json");
        hub.awaitInboxEmpty(Duration.ofSeconds(20));
        log = output.getAll();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static String secret(String file) throws Exception {
        return Files.readString(dataDir.resolve(file)).strip();
    }

    @Test
    void theOldLedgerDatabaseOpensOnlyWithTheGeneratedPasswordOnceTheHubHasStarted() throws Exception {
        assertThat(context.getEnvironment().getProperty("spring.datasource.url")).isEqualTo(url);
        DriverManager.getConnection(url, "hub", secret("db-password.txt")).close();
        assertThatThrownBy(() -> DriverManager.getConnection(url, "hub", "").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Wrong user name or password");
    }

    @Test
    void theDataDirAndTheDatabaseFolderAreNarrowedToTheHubsUser() throws Exception {
        assertThat(permissions(dataDir)).isEqualTo("rwx------");
        assertThat(permissions(dataDir.resolve("db"))).isEqualTo("rwx------");
    }

    @Test
    void foldersAndFilesTheHubCreatesAreItsOwnFromTheStart() throws Exception {
        for (String file : new String[] {"operator-password.txt", "metrics-password.txt", "db-password.txt"}) {
            assertThat(permissions(dataDir.resolve(file))).as(file).isEqualTo("rw-------");
        }
        assertThat(permissions(dataDir.resolve("inbox"))).isEqualTo("rwx------");
        assertThat(permissions(hub.inbox(URBAN))).isEqualTo("rwx------");
        Path reason = hub.files("error").stream().filter(p -> p.toString().endsWith(".reason.txt")).findFirst()
                .orElseThrow();
        assertThat(permissions(reason)).isEqualTo("rw-------");
        for (Path folder = reason.getParent(); !folder.equals(dataDir); folder = folder.getParent()) {
            assertThat(permissions(folder)).as(folder.toString()).isEqualTo("rwx------");
        }
    }

    @Test
    void generatedPasswordsAreNeverLoggedOnlyTheFilesThatKeepThem() throws Exception {
        for (String file : new String[] {"operator-password.txt", "metrics-password.txt", "db-password.txt"}) {
            assertThat(log).doesNotContain(secret(file));
        }
        assertThat(log).contains("Operator password: " + dataDir.resolve("operator-password.txt"))
                .contains("Metrics password: " + dataDir.resolve("metrics-password.txt"));
    }
}
