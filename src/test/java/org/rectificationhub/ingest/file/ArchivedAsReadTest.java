package org.rectificationhub.ingest.file;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.support.HubFolders;
import org.rectificationhub.support.Updates;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.rectificationhub.support.Examples.OFFICE;

/**
 * A file is archived as the bytes the hub read, hashed and recorded, whatever its path holds when it is moved: the
 * swap a sender could make just after the read is made here, deterministically, between the read and the move.
 */
@SpringBootTest
class ArchivedAsReadTest {

    static final HubFolders hub = HubFolders.create();
    static final Duration MOVED_WITHIN = Duration.ofSeconds(20);
    /** What replaces a file, by name, once the hub has read it. */
    static final Map<String, Swap> swaps = new ConcurrentHashMap<>();

    interface Swap {
        void replace(Path file) throws Exception;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
    }

    @MockitoSpyBean
    InboxFiles files;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void swapAfterReading() throws Exception {
        doAnswer(invocation -> {
            Object dropped = invocation.callRealMethod();
            Path path = Path.of((String) invocation.getArgument(0));
            Swap swap = swaps.remove(path.getFileName().toString());
            if (swap != null) {
                swap.replace(path);
            }
            return dropped;
        }).when(files).read(anyString(), anyString());
    }

    @Test
    void aFileSwappedForAPipeAfterItWasReadIsArchivedAsTheBytesReadAndThePipeGoesAside() throws Exception {
        assumeThat(new ProcessBuilder("mkfifo", "--version").start().waitFor()).as("mkfifo is available").isZero();
        byte[] round = Updates.round("swapped-for-a-pipe");
        swaps.put("pipe-swap.json", file -> {
            Files.delete(file);
            assertThat(new ProcessBuilder("mkfifo", file.toString()).start().waitFor()).isZero();
        });
        hub.drop(OFFICE, "pipe-swap.json", round);

        Path archived = hub.awaitMoved("archive", "-pipe-swap.json", MOVED_WITHIN);
        Path aside = hub.awaitMoved("error", "-pipe-swap.json", MOVED_WITHIN);

        assertThat(archived).hasBinaryContent(round);
        assertThat(ledgerSource("round-swapped-for-a-pipe")).endsWith("sha256:" + CanonicalJson.sha256(round));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archived))).isEqualTo("rw-------");
        // Aside unopened, by the hub once it finds the pipe where the file was, or by the inbox's guard if it saw first
        assertThat(Files.readAttributes(aside, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther())
                .isTrue();
        assertThat(HubFolders.reasonBeside(aside)).containsAnyOf("replaced after the hub had read it",
                "not a regular file");
        assertThat(securityEvents("replaced-after-read") + securityEvents("special-file")).isPositive();
    }

    @Test
    void aFileSwappedForAnotherAfterItWasReadIsArchivedAsTheBytesReadAndTheOtherGoesAsideUnread() throws Exception {
        byte[] round = Updates.round("swapped-for-another");
        byte[] other = "{\"kind\":\"something else entirely\"}".getBytes();
        swaps.put("file-swap.json", file -> {
            Path beside = file.resolveSibling(".file-swap.json.tmp");
            Files.write(beside, other);
            Files.move(beside, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        });
        hub.drop(OFFICE, "file-swap.json", round);

        Path archived = hub.awaitMoved("archive", "-file-swap.json", MOVED_WITHIN);
        Path aside = hub.awaitMoved("error", "-file-swap.json", MOVED_WITHIN);

        assertThat(archived).hasBinaryContent(round);
        assertThat(ledgerSource("round-swapped-for-another")).endsWith("sha256:" + CanonicalJson.sha256(round));
        assertThat(aside).hasBinaryContent(other);
        assertThat(HubFolders.reasonBeside(aside)).contains("replaced after the hub had read it", "this was not read");
        assertThat(securityEvents("replaced-after-read")).isPositive();
    }

    @Test
    void aFileLeftAsItWasReadIsArchivedPrivateWithNothingAside() throws Exception {
        byte[] round = Updates.round("left-as-read");
        hub.drop(OFFICE, "as-read.json", round);

        Path archived = hub.awaitMoved("archive", "-as-read.json", MOVED_WITHIN);

        assertThat(archived).hasBinaryContent(round);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archived))).isEqualTo("rw-------");
        assertThat(hub.files("error")).noneMatch(p -> p.getFileName().toString().endsWith("-as-read.json"));
    }

    private String ledgerSource(String updateId) {
        return jdbc.queryForObject("select source from ledger_entry where update_id = ?", String.class, updateId);
    }

    private double securityEvents(String type) {
        Counter counter = meters.find("hub.security.events").tags("channel", "file", "type", type).counter();
        return counter == null ? 0 : counter.count();
    }
}
