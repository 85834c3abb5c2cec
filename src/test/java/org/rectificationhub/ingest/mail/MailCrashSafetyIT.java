package org.rectificationhub.ingest.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.support.ChildHub;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.MailBox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged hub killed with SIGKILL while it reads 100 mails from a mail server that outlives it (as a real one
 * does), then restarted on the same data dir: every mail's update is in the ledger exactly once, and every mail has
 * its one answer (a reply the dead hub sent but had not yet noted goes out again under the same Message-ID, so the
 * office's client shows it once).
 */
class MailCrashSafetyIT {

    private static final int MAILS = 100;
    private static final String OFFICE = "rectification-office@localhost";

    private final Path dataDir = createDataDir();
    private final int smtp = MailBox.freePort();
    private final int imap = MailBox.freePort();
    private final GreenMail server = new GreenMail(new ServerSetup[]{
            new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    private final MailBox mail = new MailBox(smtp, imap);

    private static Path createDataDir() {
        try {
            Path base = Files.createDirectories(Path.of("target", "mail-crash-it"));
            return Files.createTempDirectory(base.toAbsolutePath(), "run-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aHubKilledWhileReadingMailRecordsEveryMailOnceAndAnswersEachAfterItsRestart() throws Exception {
        server.start();
        Map<String, String> env = new HashMap<>(Map.of("HUB_MAIL_ENABLED", "true", "HUB_KAFKA_ENABLED", "false",
                "HUB_MAIL_IMAP_HOST", "127.0.0.1", "HUB_MAIL_IMAP_PORT", String.valueOf(imap),
                "HUB_MAIL_IMAP_PROTOCOL", "imap", "HUB_MAIL_SMTP_PORT", String.valueOf(smtp),
                "HUB_MAIL_SMTP_STARTTLS", "false", "HUB_MAIL_USERNAME", "hub@localhost",
                "HUB_MAIL_PASSWORD", "not-checked-by-this-server", "HUB_MAIL_POLL_MS", "100"));
        env.put("HUB_MAIL_SMTP_HOST", "127.0.0.1");
        env.put("HUB_MAIL_SENDER_DOMAIN", "localhost"); // a real server: senders are listed or of a configured domain

        try (ChildHub first = new ChildHub(dataDir, env).start(Duration.ofSeconds(180))) {
            mail.send(MailBox.attachmentsMail("register", OFFICE, "登记", List.of(new MailBox.Attachment("round.json",
                    CanonicalJson.write(Examples.roundJson()).getBytes(StandardCharsets.UTF_8)))));
            await().atMost(Duration.ofSeconds(60)).until(() -> replies().containsKey("<register@office.example>"));
            for (int i = 1; i <= MAILS; i++) {
                mail.send(MailBox.attachmentsMail("update-" + i, OFFICE, "进展 " + i, List.of(
                        new MailBox.Attachment("update.json", update(i)))));
            }
            // Counted, not read (reading the office's inbox takes longer than the hub takes to answer a mail).
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                    .until(() -> mail.count(OFFICE) >= 1 + MAILS / 4);
            first.kill(); // SIGKILL: mid-mailbox, no shutdown hook
            int answered = replies().size() - 1;
            System.out.printf("MEASURED: killed the hub after %d of %d mails were answered%n", answered, MAILS);
            assertThat(answered).as("killed while reading").isLessThan(MAILS);
        }

        try (ChildHub second = new ChildHub(dataDir, env).start(Duration.ofSeconds(180))) {
            await().atMost(Duration.ofSeconds(180))
                    .until(() -> mail.count(OFFICE) >= 1 + MAILS && replies().size() == 1 + MAILS);
            List<Message> copies = mail.inbox(OFFICE);
            Map<String, List<String>> idsPerMail = replies();
            System.out.printf("MEASURED: %d reply copies delivered for %d mails%n", copies.size(), 1 + MAILS);
            assertThat(idsPerMail.values()).as("one reply (one Message-ID) per mail")
                    .allSatisfy(ids -> assertThat(ids.stream().distinct()).hasSize(1));
            JsonNode problems = CanonicalJson.readTree(second.get("/api/rounds/" + Examples.ROUND_ID + "/problems"));
            long entries = 0;
            for (JsonNode problem : problems) {
                entries += problem.path("entries").asLong();
            }
            assertThat(entries).as("each update once; the registration once per problem").isEqualTo(MAILS + 3L);
            JsonNode verify = CanonicalJson.readTree(second.post("/api/ledger/verify"));
            assertThat(verify.path("ok").asBoolean()).isTrue();
            assertThat(verify.path("entries").asLong()).isEqualTo(MAILS + 1L);
            assertThat(CanonicalJson.readTree(second.get("/api/quarantine"))).isEmpty();
        }
    }

    /** Per answered mail (its Message-ID), the Message-IDs of the replies the office received. */
    private Map<String, List<String>> replies() throws Exception {
        return mail.inbox(OFFICE).stream().collect(Collectors.groupingBy(m -> header(m, "In-Reply-To"),
                Collectors.mapping(m -> header(m, "Message-ID"), Collectors.toList())));
    }

    private static String header(Message m, String name) {
        try {
            String[] values = m.getHeader(name);
            return values == null ? "" : values[0];
        } catch (Exception e) {
            return "";
        }
    }

    private static byte[] update(int n) {
        ObjectNode json = Examples.progressJson();
        json.remove(List.of("measureSeq", "evidence", "accountability", "exemption"));
        json.put("department", Examples.OFFICE).put("updateId", "mail-update-" + n)
                .put("problemNo", new int[]{1, 4, 14}[n % 3]).put("sequence", n).put("status", "in-progress").put("progress", "第" + n + "次报告");
        return CanonicalJson.write(json).getBytes(StandardCharsets.UTF_8);
    }
}
