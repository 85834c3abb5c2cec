package org.rectificationhub.ingest.file;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.rectificationhub.ledger.Quarantine;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.rectificationhub.support.Examples.ECONOMY;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.rectificationhub.support.Examples.PARTY;
import static org.rectificationhub.support.Examples.URBAN;
import static org.rectificationhub.support.HubFolders.reasonBeside;

/**
 * What a department can put in its inbox besides a file of its own (a link, a pipe, a subfolder, a name built to
 * climb out of the folder): none of it is read, each is moved aside with a reason and counted as a security event.
 */
@SpringBootTest
class UnsafeInboxEntriesRouteTest {

    static final HubFolders hub = HubFolders.create();
    static final Duration MOVED_WITHIN = Duration.ofSeconds(5);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
    }

    @Autowired
    Quarantine quarantine;
    @Autowired
    MeterRegistry meters;

    @Test
    void aBackslashNameBesideASubfolderNeverMovesAFileOutsideTheInbox() throws Exception {
        Path victim = Files.writeString(hub.dataDir().resolve("victim.txt"), "the hub's own file");
        // Read as a/../../../victim.txt, the name would climb through the real subfolder a/ to the victim.
        Files.createDirectories(hub.inbox(URBAN).resolve("a"));
        Files.writeString(hub.inbox(URBAN).resolve("a\\..\\..\\..\\victim.txt"), "巡察整改 from the sender");

        Path movedFolder = hub.awaitMoved("error", "-a", MOVED_WITHIN);
        Path movedFile = hub.awaitMoved("error", "-a_.._.._.._victim.txt", MOVED_WITHIN);

        assertThat(victim).hasContent("the hub's own file");
        assertThat(movedFile).hasContent("巡察整改 from the sender");
        assertThat(reasonBeside(movedFolder)).contains("it is a folder");
        assertThat(reasonBeside(movedFile)).contains("the name holds a backslash");
        assertThat(sources()).noneMatch(source -> source.contains("victim"));
        assertThat(securityEvents("subfolder")).isEqualTo(1);
        assertThat(securityEvents("unsafe-name")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void linksAreMovedAsideAsLinksAndWhatTheyPointAtIsNeverRead() throws Exception {
        String secret = "db-password-" + UUID.randomUUID();
        Path secretFile = Files.writeString(hub.dataDir().resolve("secret.json"), "{\"kind\": \"" + secret + "\"}");
        Files.createSymbolicLink(hub.inbox(ECONOMY).resolve("progress.json"), secretFile);
        Files.createSymbolicLink(hub.inbox(ECONOMY).resolve("passwd.txt"), Path.of("/etc/passwd"));

        Path movedSecret = hub.awaitMoved("error", "-progress.json", MOVED_WITHIN);
        Path movedPasswd = hub.awaitMoved("error", "-passwd.txt", MOVED_WITHIN);

        assertThat(movedSecret).isSymbolicLink();
        assertThat(Files.readSymbolicLink(movedSecret)).isEqualTo(secretFile);
        assertThat(movedPasswd).isSymbolicLink();
        assertThat(reasonBeside(movedSecret)).contains("symbolic link").doesNotContain(secret);
        assertThat(sources()).noneMatch(source -> source.endsWith("progress.json") || source.endsWith("passwd.txt"));
        assertThat(secretFile).hasContent("{\"kind\": \"" + secret + "\"}");
        assertThat(securityEvents("symlink")).isEqualTo(2);
    }

    @Test
    void aHardLinkToAFileElsewhereIsMovedAsideUnread() throws Exception {
        Path elsewhere = Files.writeString(hub.dataDir().resolve("elsewhere.json"), Examples.roundJson().toString());
        Files.createLink(hub.inbox(OFFICE).resolve("linked.json"), elsewhere);

        Path moved = hub.awaitMoved("error", "-linked.json", MOVED_WITHIN);

        assertThat(reasonBeside(moved)).contains("hard link");
        assertThat(sources()).noneMatch(source -> source.endsWith("linked.json"));
        assertThat(securityEvents("hard-link")).isEqualTo(1);
    }

    @Test
    void aNamedPipeIsMovedAsideWithoutBeingOpened() throws Exception {
        Path pipe = hub.inbox(PARTY).resolve("pipe.json");
        assumeTrue(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor() == 0, "mkfifo is available");

        Path moved = hub.awaitMoved("error", "-pipe.json", MOVED_WITHIN);

        assertThat(Files.readAttributes(moved, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()).isTrue();
        assertThat(reasonBeside(moved)).contains("not a regular file");
        assertThat(securityEvents("special-file")).isEqualTo(1);
    }

    @Test
    void aNameWithABidiControlIsMovedAsideUnderASafeNameUnread() {
        hub.drop(OFFICE, "report\u202Etxt.json", Examples.roundJson().toString());

        Path moved = hub.awaitMoved("error", "-report_txt.json", MOVED_WITHIN);

        assertThat(reasonBeside(moved)).contains("U+202E");
        assertThat(sources()).noneMatch(source -> source.contains("report"));
    }

    @Test
    void aSendersFileNamedLikeTheHubsReasonFilesIsMovedAsideAndCountedNotLeftInTheInbox() {
        // a name no other test's file has, nor the explanation beside one (the hub writes <name>.reason.txt)
        hub.drop(PARTY, "sent-back.json.reason.txt", "File: sent-back.json\nResult: accepted\n");

        Path moved = hub.awaitMoved("error", "-sent-back.json.reason.txt", MOVED_WITHIN);

        assertThat(reasonBeside(moved)).contains("which only the hub gives");
        assertThat(hub.inbox(PARTY).resolve("sent-back.json.reason.txt")).doesNotExist();
        assertThat(securityEvents("hub-name")).isEqualTo(1);
    }

    @Test
    void aNameInChineseWithFullWidthBracketsIsTakenAsUsual() {
        hub.drop(OFFICE, "巡察整改 轮次登记（第1期）.json", Examples.roundJson().toString());

        assertThat(hub.awaitMoved("archive", "-巡察整改 轮次登记（第1期）.json", MOVED_WITHIN)).exists();
    }

    private List<String> sources() {
        return quarantine.recent(100).stream().map((Map<String, Object> q) -> String.valueOf(q.get("source"))).toList();
    }

    private double securityEvents(String type) {
        Counter counter = meters.find("hub.security.events").tags("channel", "file", "type", type).counter();
        return counter == null ? 0 : counter.count();
    }
}
