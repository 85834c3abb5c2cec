package org.rectificationhub.ingest.mail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ingest.Reasons;
import org.rectificationhub.ops.ActionResult;
import org.rectificationhub.ops.quarantine.QuarantineActions;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.FaultyDatabase;
import org.rectificationhub.support.HubFolders;
import org.rectificationhub.support.MailBox;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Faults of single mails, each with good mail beside it, polls driven by hand (the route stopped) so that what one
 * poll takes can be told: a mail the hub cannot read, a reused Message-ID, a department's flood. The hub's replies
 * go to a server that refuses them as told.
 */
@SpringBootTest(properties = {"hub.mail.reply-retry=1ms", "hub.mail.reply-attempts=3", "hub.retry.delay=20"})
@AutoConfigureMockMvc
@Import(FaultyDatabase.class)
class MailFaultsTest {

    static final HubFolders hub = HubFolders.create();
    static final String OFFICE = "rectification-office@localhost";
    static final String ECONOMY = "economic-development@localhost";
    static final String URBAN = "urban-management@localhost";
    static final String PARTY = "party-building@localhost";
    static final MailBox mail = new MailBox(MailBox.freePort(), MailBox.freePort());
    static final AnsweringSmtp replies = answering();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
        mail.register(registry);
        registry.add("hub.mail.reply-smtp-port", replies::port);
    }

    @Autowired
    MailInbox inbox;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CamelContext camel;
    @Autowired
    FailingReplies failing;
    @Autowired
    MailWatch watch;
    @Autowired
    MockMvc mvc;
    @Autowired
    QuarantineActions actions;
    @Value("${hub.retry.attempts}")
    int retries;

    @BeforeEach
    void pollByHand() throws Exception {
        camel.getRouteController().stopRoute("mail-inbound");
        if (taken("<round-1@office.example>") == 0) {
            mail.send(mailOf("round-1", OFFICE, CanonicalJson.write(Examples.roundJson())));
            assertThat(inbox.poll()).isEqualTo(1);
        }
        while (inbox.poll() > 0) {
            // what an earlier test left
        }
    }

    @Test
    void mailsWithAGroupOrSourceRouteFromAnUnreadableFromOrBrokenMimeAreQuarantinedWholeAndThePollGoesOn()
            throws Exception {
        String text = "Content-Type: text/plain; charset=utf-8\r\n\r\n" + "a notice of progress, ".repeat(5) + "\r\n";
        List<String> bad = List.of(
                MailBox.head("group-1", "grp: rectification-office@localhost, economic-development@localhost;", "组")
                        + text,
                MailBox.head("route-1", "<@relay.example:rectification-office@localhost>", "源路由") + text,
                MailBox.head("quote-1", "\"unterminated <rectification-office@localhost", "引号") + text,
                MailBox.head("mime-1", OFFICE, "坏的MIME") + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed;"
                        + " boundary=\"never-used\"\r\n\r\n--another\r\nno part starts with the declared boundary\r\n");
        for (String raw : bad) {
            mail.send(raw);
        }
        mail.send(mailOf("after-bad-1", OFFICE, update(1)));

        assertThat(inbox.poll()).as("every mail taken in the one poll").isEqualTo(5);

        assertThat(recorded("<after-bad-1@office.example>")).isEqualTo(1);
        assertThat(reason("<group-1@office.example>")).contains("exactly one From address", "not a group");
        assertThat(reason("<route-1@office.example>")).contains("exactly one From address", "source route");
        assertThat(reason("<quote-1@office.example>")).contains("exactly one From address");
        assertThat(reason("<mime-1@office.example>")).contains("MIME structure cannot be read");
        List<Message> hubInbox = mail.inbox("hub@localhost"); // read once: each read fetches every mail in it
        for (String id : List.of("group-1", "route-1", "quote-1", "mime-1")) {
            Message held = hubInbox.stream().filter(m -> hasId(m, id)).findFirst().orElseThrow();
            assertThat(held.isSet(Flags.Flag.SEEN)).as(id + " flagged seen").isTrue();
            assertThat(storedWhole("<" + id + "@office.example>")).as(id + " quarantined whole")
                    .contains(MailBox.head(id, "", "").substring(0, 20)).contains(firstLineOfBody(id));
            assertThat(taken("<" + id + "@office.example>")).isEqualTo(1);
        }
        assertThat(inbox.poll()).as("none of them is read again").isZero();
    }

    @Test
    void aMailOnWhichTheHubsReaderFailsIsParkedWholeAsTheHubsFaultAndThePollGoesOn() throws Exception {
        mail.send(mailOf("defect-1", OFFICE, update(6)));
        mail.send(mailOf("defect-2", ECONOMY, CanonicalJson.write(Examples.progressJson())));
        // A defect, not a hiccup (SQLState 42: no retry mends it), on a step only the reading of a mail takes.
        FaultyDatabase.failWith("select count(*) from mail_message where message_key = ? and",
                () -> new SQLException("defect", "42000"));
        try {
            assertThat(inbox.poll()).as("both mails taken, the first failure ends nothing").isEqualTo(2);
            assertThat(FaultyDatabase.hits()).as("each tried again with back-off before it is parked")
                    .isEqualTo(2 * (1 + retries));
        } finally {
            FaultyDatabase.heal();
        }
        mail.send(mailOf("after-defect-1", OFFICE, update(7)));

        assertThat(inbox.poll()).as("the parked ones are not read again").isEqualTo(1);
        assertThat(recorded("<after-defect-1@office.example>")).isEqualTo(1);
        for (String id : List.of("<defect-1@office.example>", "<defect-2@office.example>")) {
            assertThat(reason(id)).contains("parked", "its own fault, not the sender's", "an operator replays it",
                    "the mail reader failed on this mail");
            assertThat(hubFault(id)).as("parked as the hub's fault, as every channel parks").isTrue();
            assertThat(storedWhole(id)).contains("Message-ID: " + id);
            assertThat(taken(id)).isEqualTo(1);
        }
    }

    @Test
    void aPartWhoseMappingDoesNotCompileIsParkedAloneNeverBlamingTheSenderAndItsReplayOnceMendedIsRecordedAndAnswered()
            throws Exception {
        Path mapping = Files.createDirectories(hub.dataDir().resolve("mappings")).resolve("party-building.jslt");
        Files.writeString(mapping, "{ \"kind\": \"progress\", ");
        byte[] departmentShape = new String(getClass().getClassLoader()
                .getResourceAsStream("schemas/mappings/party-building.example.json").readAllBytes(),
                StandardCharsets.UTF_8).replace("djb-2024-10-15-0007", "djb-mail-0009").getBytes(StandardCharsets.UTF_8);
        try {
            mail.send(MailBox.attachmentsMail("mapped-1", PARTY, "党建进展",
                    List.of(new MailBox.Attachment("update.json", departmentShape))));
            mail.send(mailOf("beside-mapped-1", OFFICE, update(8)));
            assertThat(inbox.poll()).isEqualTo(2);
        } finally {
            Files.delete(mapping);
        }

        assertThat(recorded("<beside-mapped-1@office.example>")).as("the other department's mail").isEqualTo(1);
        assertThat(recorded("<mapped-1@office.example>")).isZero();
        Map<String, Object> parked = jdbc.queryForMap("select q.id, q.hub_fault, q.reason from quarantine q join"
                + " quarantine_input i on q.input_id = i.id where i.source like '<mapped-1@office.example> part %'");
        assertThat(parked.get("hub_fault")).as("never blamed on the sender").isEqualTo(true);
        assertThat((String) parked.get("reason")).startsWith("parked:").contains("mappings/party-building.jslt");
        assertThat(replyTo("mapped-1")).as("the reply says it is kept, and nothing to correct")
                .contains("Not processed yet", Reasons.PARKED).doesNotContain("correct these")
                .doesNotContain("party-building.jslt");

        ActionResult replayed = actions.replay(((Number) parked.get("id")).longValue(), "operator", "mapping mended");
        assertThat(replayed.isDone()).as(replayed.message()).isTrue();
        assertThat(replayed.message()).startsWith("recorded as entry");
        assertThat(recorded("<mapped-1@office.example>")).isEqualTo(1);
        assertThat(inbox.poll()).as("no mail; the replies due are sent").isZero();
        assertThat(replies.accepted()).filteredOn(r -> r.contains("In-Reply-To: <mapped-1@office.example>"))
                .as("the reply, then the follow-up").hasSize(2);
        assertThat(replyTo("mapped-1")).as("its sender told once it is recorded").contains("has now been processed",
                "update.json #1: accepted", "entry ").doesNotContain("Not processed yet");
    }

    @Test
    void aDifferentMailReusingAMessageIdIsTakenAsWellWhileTheSameMailDeliveredTwiceIsTakenOnce() throws Exception {
        String first = mailOf("reused-1", OFFICE, update(2));
        String second = mailOf("reused-1", OFFICE, update(3));
        mail.send(first);
        mail.send(second);
        mail.send(first);

        assertThat(inbox.poll()).isEqualTo(3);

        assertThat(recorded("<reused-1@office.example>")).as("both updates").isEqualTo(2);
        assertThat(taken("<reused-1@office.example>")).as("two mails, the first delivered twice").isEqualTo(2);
        assertThat(replies.accepted()).filteredOn(r -> r.contains("In-Reply-To: <reused-1@office.example>"))
                .as("one reply per mail, each with its own Message-ID").hasSize(2)
                .extracting(r -> r.lines().filter(l -> l.startsWith("Message-ID:")).findFirst().orElseThrow())
                .doesNotHaveDuplicates();
    }

    @Test
    void aReplyRefusedForGoodIsKeptFailedAndShownWhileItsMailIsRecordedAndSeenAndOthersAreAnswered()
            throws Exception {
        replies.answer(ECONOMY, "550 5.1.1 <" + ECONOMY + ">: mailbox unavailable", Integer.MAX_VALUE);
        mail.send(mailOf("refused-1", ECONOMY, CanonicalJson.write(Examples.progressJson())));
        mail.send(mailOf("answered-1", OFFICE, update(4)));

        assertThat(inbox.poll()).isEqualTo(2);

        assertThat(hubMail("refused-1").isSet(Flags.Flag.SEEN)).as("its reply keeps no mail unread").isTrue();
        assertThat(taken("<refused-1@office.example>")).isEqualTo(1);
        assertThat(recorded("<answered-1@office.example>")).isEqualTo(1);
        assertThat(replies.accepted()).anyMatch(r -> r.contains("In-Reply-To: <answered-1@office.example>"));
        assertThat(failing.failing()).filteredOn(f -> f.mail().equals("<refused-1@office.example>")).singleElement()
                .satisfies(f -> {
                    assertThat(f.state()).isEqualTo(MailLog.FAILED);
                    assertThat(f.error()).contains("refused for good", "550 5.1.1");
                    assertThat(f.failingSince()).isNotNull();
                    assertThat(f.nextAttempt()).isNull();
                    assertThat(f.to()).isEqualTo(ECONOMY);
                });
        assertThat(mvc.perform(get("/api/mail/replies").with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("\"mail\":\"<refused-1@office.example>\"", "550 5.1.1", "\"failingSince\":\"20");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(watch.backlog().note())
                .contains(failing.failing().size() + " replies failing (/api/mail/replies)"));

        assertThat(inbox.poll()).isZero();
        assertThat(replyRow("<refused-1@office.example>")).containsEntry("reply_attempts", 1);
    }

    @Test
    void aReplyRefusedForNowIsRetriedWithBackOffAndItsMailIsRecordedOnceAndNeverReadAgain() throws Exception {
        replies.answer(OFFICE, "451 4.3.0 try again later", 2);
        mail.send(mailOf("later-1", OFFICE, update(5)));

        assertThat(inbox.poll()).isEqualTo(1);
        assertThat(hubMail("later-1").isSet(Flags.Flag.SEEN)).isTrue();
        assertThat(failing.failing()).filteredOn(f -> f.mail().equals("<later-1@office.example>")).singleElement()
                .satisfies(f -> {
                    assertThat(f.state()).isEqualTo(MailLog.PENDING);
                    assertThat(f.error()).contains("attempt 1 of 3", "451 4.3.0");
                    assertThat(f.nextAttempt()).isAfter(f.failingSince());
                });

        assertThat(inbox.poll()).as("the next polls read no mail, they retry its reply").isZero();
        assertThat(inbox.poll()).isZero();

        assertThat(replyRow("<later-1@office.example>")).containsEntry("reply_state", MailLog.SENT)
                .containsEntry("reply_attempts", 3);
        assertThat(replies.accepted()).filteredOn(r -> r.contains("In-Reply-To: <later-1@office.example>"))
                .hasSize(1);
        assertThat(recorded("<later-1@office.example>")).isEqualTo(1);
        assertThat(taken("<later-1@office.example>")).isEqualTo(1);
        assertThat(failing.failing()).noneMatch(f -> f.mail().equals("<later-1@office.example>"));
    }

    @Test
    void aReplyStillRefusedForNowAfterItsAttemptsIsKeptFailedWithItsLastError() throws Exception {
        replies.answer(URBAN, "451 4.7.1 greylisted", Integer.MAX_VALUE);
        mail.send(mailOf("greylisted-1", URBAN, CanonicalJson.write(Examples.progressJson(1))));

        assertThat(inbox.poll()).isEqualTo(1);
        assertThat(inbox.poll()).isZero();
        assertThat(inbox.poll()).isZero();
        assertThat(inbox.poll()).isZero();

        assertThat(replyRow("<greylisted-1@office.example>")).containsEntry("reply_state", MailLog.FAILED)
                .containsEntry("reply_attempts", 3);
        assertThat(failing.failing()).filteredOn(f -> f.mail().equals("<greylisted-1@office.example>"))
                .singleElement().satisfies(f -> assertThat(f.error()).contains("attempt 3 of 3", "greylisted"));
    }

    @Test
    void aDepartmentsFloodHoldsBackAnothersMailSentAfterItByOnePollAtMostAndIsTakenWhole() throws Exception {
        int flood = 2 * MailInbox.MAILS_PER_POLL + 20;
        for (int i = 1; i <= flood; i++) {
            mail.send(mailOf("flood-" + i, OFFICE, update(100 + i)));
        }
        mail.send(mailOf("behind-flood-1", ECONOMY, CanonicalJson.write(Examples.progressJson())));

        assertThat(inbox.poll()).isEqualTo(MailInbox.MAILS_PER_POLL);
        assertThat(taken("<behind-flood-1@office.example>")).as("taken in the first poll").isEqualTo(1);
        assertThat(takenLike("<flood-%")).isEqualTo(MailInbox.MAILS_PER_POLL - 1);

        int polls = 1;
        while (inbox.poll() > 0) {
            polls++;
        }
        assertThat(polls).isEqualTo(3);
        assertThat(takenLike("<flood-%")).as("the whole flood, once each").isEqualTo(flood);
        assertThat(jdbc.queryForObject("select count(distinct source) from ledger_entry where source like '<flood-%'",
                Integer.class)).as("every update of the flood in the ledger").isEqualTo(flood);
    }

    /** The body of the one reply to a mail, decoded. */
    private static String replyTo(String id) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> replies.accepted().stream()
                .anyMatch(r -> r.contains("In-Reply-To: <" + id + "@office.example>")));
        String raw = replies.accepted().stream().filter(r -> r.contains("In-Reply-To: <" + id + "@office.example>"))
                .reduce((first, second) -> second).orElseThrow();
        return (String) new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))).getContent();
    }

    private java.util.Map<String, Object> replyRow(String key) {
        java.util.Map<String, Object> row = new java.util.HashMap<>();
        jdbc.queryForMap("select reply_state, reply_attempts from mail_message where message_key = ?", key)
                .forEach((k, v) -> row.put(k.toLowerCase(java.util.Locale.ROOT), v instanceof Number n ? n.intValue()
                        : v));
        return row;
    }

    private int takenLike(String pattern) {
        return jdbc.queryForObject("select count(*) from mail_message where message_key like ?", Integer.class,
                pattern);
    }

    private int taken(String key) {
        return jdbc.queryForObject("select count(*) from mail_message where message_key = ?", Integer.class, key);
    }

    private int recorded(String key) {
        return jdbc.queryForObject("select count(*) from ledger_entry where source like ?", Integer.class, key + "%");
    }

    private String reason(String key) {
        return jdbc.queryForObject("select reason from quarantine q join quarantine_input i on q.input_id = i.id"
                + " where i.source = ?", String.class, key);
    }

    private boolean hubFault(String key) {
        return jdbc.queryForObject("select q.hub_fault from quarantine q join quarantine_input i on q.input_id = i.id"
                + " where i.source = ?", Boolean.class, key);
    }

    private String storedWhole(String key) {
        return new String(jdbc.queryForObject("select stored from quarantine_input where source = ?", byte[].class,
                key), StandardCharsets.UTF_8);
    }

    private static String firstLineOfBody(String id) {
        return id.equals("mime-1") ? "no part starts with the declared boundary" : "a notice of progress, a notice";
    }

    private Message hubMail(String id) throws Exception {
        return mail.inbox("hub@localhost").stream().filter(m -> hasId(m, id)).findFirst().orElseThrow();
    }

    private static boolean hasId(Message m, String id) {
        try {
            return ("<" + id + "@office.example>").equals(m.getHeader("Message-ID")[0]);
        } catch (Exception e) {
            return false;
        }
    }

    static String mailOf(String id, String from, String json) {
        return MailBox.attachmentsMail(id, from, "进展", List.of(
                new MailBox.Attachment("update.json", json.getBytes(StandardCharsets.UTF_8))));
    }

    /** The office's update on one of the example round's problems, its own by {@code n}. */
    static String update(int n) {
        ObjectNode json = Examples.progressJson();
        json.remove(List.of("measureSeq", "evidence", "accountability", "exemption"));
        return CanonicalJson.write(json.put("department", Examples.OFFICE).put("updateId", "faults-" + n)
                .put("problemNo", 1).put("sequence", n).put("status", "in-progress").put("progress", "第" + n + "次"));
    }

    private static AnsweringSmtp answering() {
        try {
            return new AnsweringSmtp();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
