package org.rectificationhub.ingest.mail;

import jakarta.mail.Flags;
import jakarta.mail.Message;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rectificationhub.ledger.LedgerQueries;
import org.rectificationhub.support.FaultyDatabase;
import org.rectificationhub.support.HubFolders;
import org.rectificationhub.support.MailBox;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rectificationhub.support.MailBox.inReplyTo;

/**
 * Mail through the hub's own standalone mail server (SMTP and IMAP on free ports): offices' mails are read part by
 * part through the one intake, answered once in Chinese and English, and flagged seen only after that; strangers,
 * forged senders and oversized mails are quarantined whole; a database failure leaves the mail unseen.
 */
@SpringBootTest(properties = {"hub.mail.poll-delay=200", "hub.mail.trusted-authserv-id=mx.gov.example",
        "hub.mail.max-mail-size=300KB"})
@Import(FaultyDatabase.class)
class MailChannelTest {

    static final HubFolders hub = HubFolders.create();
    static final String OFFICE = "rectification-office@localhost";
    static final MailBox mail = new MailBox(MailBox.freePort(), MailBox.freePort());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
        mail.register(registry);
    }

    @Autowired
    LedgerQueries queries;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @AfterEach
    void heal() {
        FaultyDatabase.heal();
    }

    @Test
    void theSampleNoticeAsAGb2312LabelledBase64BodyKeepsItsGbkOnlyCharactersAndIsAnsweredOnce() throws Exception {
        String notice = new String(sample(), StandardCharsets.UTF_8).replace("市桥", "市堃桥");
        mail.send(MailBox.textMail("notice-1", OFFICE, "整改进展情况公布", notice, Charset.forName("GBK"), "gb2312"));

        Message reply = await().atMost(Duration.ofSeconds(30)).until(() -> replyTo("notice-1"), r -> r != null);
        String roundId = queries.rounds().stream().map(r -> String.valueOf(r.get("roundId")))
                .filter(id -> id.startsWith("round-20240820")).findFirst().orElseThrow();
        assertThat(queries.problems(roundId).orElseThrow()).hasSize(20);
        assertThat(queries.registeredRound(roundId).orElseThrow().toString()).contains("市堃桥");
        assertThat(body(reply)).contains("已记录 Recorded", "accepted", "20 problems", "entry ");
        assertThat(reply.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        assertThat(hubMail("notice-1").isSet(Flags.Flag.SEEN)).isTrue();
    }

    @Test
    void ledgersAttachedAsCsvAndXlsxAreRecordedBesideABrokenAttachmentWhichAloneIsQuarantined() throws Exception {
        mail.send(MailBox.attachmentsMail("ledgers-1", OFFICE, "台账", List.of(
                new MailBox.Attachment("第二巡察组台账.csv", csv("市委第二巡察组", "2024年9月2日").getBytes(Charset.forName("GBK"))),
                new MailBox.Attachment("第三巡察组台账.xlsx", xlsx("市委第三巡察组", "2024年9月3日")),
                new MailBox.Attachment("损坏的台账.xlsx", "PK\u0003\u0004 this is no workbook".getBytes(
                        StandardCharsets.ISO_8859_1)))));

        Message reply = await().atMost(Duration.ofSeconds(30)).until(() -> replyTo("ledgers-1"), r -> r != null);
        assertThat(queries.rounds()).extracting(r -> String.valueOf(r.get("inspectionTeam")))
                .contains("市委第二巡察组", "市委第三巡察组");
        assertThat(body(reply)).contains("第二巡察组台账.csv #1: accepted", "第三巡察组台账.xlsx #1: accepted")
                .contains("未记录 Not recorded:\n- 损坏的台账.xlsx #1:");
        assertThat(quarantined("损坏的台账.xlsx")).isEqualTo(1);
        assertThat(mail.inbox(OFFICE).stream().filter(m -> inReplyTo(m, "ledgers-1"))).hasSize(1);
    }

    @Test
    void aStrangerAForgedSenderAndAnOversizedMailAreQuarantinedWholeAndNothingIsRecorded() throws Exception {
        long entries = queries.entryCount();
        mail.send(MailBox.textMail("stranger-1", "someone@elsewhere.example", "hi", "随便写点", StandardCharsets.UTF_8,
                "utf-8"));
        mail.send(MailBox.head("forged-1", OFFICE, "伪造").replace("Message-ID:",
                "Authentication-Results: mx.gov.example; spf=fail; dmarc=fail header.from=localhost\r\nMessage-ID:")
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nforged\r\n");
        mail.send(MailBox.attachmentsMail("oversized-1", OFFICE, "大文件", List.of(
                new MailBox.Attachment("big.csv", new byte[400 * 1024]))));

        await().atMost(Duration.ofSeconds(30)).until(() -> answered("stranger-1") && answered("forged-1")
                && answered("oversized-1"));
        assertThat(queries.entryCount()).isEqualTo(entries);
        assertThat(reason("stranger-1")).contains("someone@elsewhere.example is not an address any department");
        assertThat(meters.find("hub.security.events").tags("channel", "mail", "type", "unknown-sender").counter())
                .isNotNull().satisfies(c -> assertThat(c.count()).isPositive());
        assertThat(meters.find("hub.security.events").tags("channel", "mail", "type", "forged-sender").counter())
                .isNotNull().satisfies(c -> assertThat(c.count()).isPositive());
        assertThat(reason("forged-1")).contains("mx.gov.example found the sender", "dmarc=fail");
        assertThat(reason("oversized-1")).contains("bytes per mail");
        assertThat(body(await().atMost(Duration.ofSeconds(10)).until(() -> replyTo("oversized-1"), r -> r != null)))
                .contains("bytes per mail");
        assertThat(mail.inbox("someone@elsewhere.example")).singleElement()
                .satisfies(m -> assertThat(body(m).strip()).isEqualTo(MailReplies.NOTICE.strip()));
    }

    @Test
    void aMailReadWhileTheDatabaseIsDownStaysUnseenAndIsRecordedOnceAfterwards() throws Exception {
        FaultyDatabase.failWith("insert into ledger_entry", () -> new SQLException("connection reset", "08006"));
        mail.send(MailBox.attachmentsMail("outage-1", OFFICE, "台账", List.of(
                new MailBox.Attachment("第四巡察组台账.csv", csv("市委第四巡察组", "2024年9月4日").getBytes(StandardCharsets.UTF_8)))));
        await().atMost(Duration.ofSeconds(30)).until(() -> FaultyDatabase.hits() >= 3);

        assertThat(hubMail("outage-1").isSet(Flags.Flag.SEEN)).isFalse();
        assertThat(replyTo("outage-1")).isNull();
        assertThat(quarantined("第四巡察组台账.csv")).isZero();
        assertThat(jdbc.queryForObject("select count(*) from quarantine_input where source = ?", Long.class,
                "<outage-1@office.example>")).as("the hub's own failure is not the mail's: nothing of it quarantined")
                .isZero();

        FaultyDatabase.heal();
        await().atMost(Duration.ofSeconds(30)).until(() -> replyTo("outage-1") != null);
        assertThat(queries.rounds()).filteredOn(r -> "市委第四巡察组".equals(r.get("inspectionTeam"))).hasSize(1);
        assertThat(hubMail("outage-1").isSet(Flags.Flag.SEEN)).isTrue();
    }

    @Test
    void theSameMailDeliveredTwiceIsRecordedAndAnsweredOnceAndAutoRepliesAreNeverAnswered() throws Exception {
        String twice = MailBox.attachmentsMail("twice-1", OFFICE, "台账", List.of(
                new MailBox.Attachment("第五巡察组台账.csv", csv("市委第五巡察组", "2024年9月5日").getBytes(StandardCharsets.UTF_8))));
        mail.send(twice);
        await().atMost(Duration.ofSeconds(30)).until(() -> replyTo("twice-1") != null);
        mail.send(twice);
        mail.send(MailBox.head("vacation-1", OFFICE, "自动回复").replace("Message-ID:", "Auto-Submitted: auto-replied\r\n"
                + "Message-ID:") + "Content-Type: text/plain; charset=utf-8\r\n\r\n我正在休假。\r\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> answered("vacation-1")
                && mail.inbox("hub@localhost").stream().noneMatch(m -> !isSeen(m)));

        assertThat(mail.inbox(OFFICE).stream().filter(m -> inReplyTo(m, "twice-1"))).hasSize(1);
        assertThat(replyTo("vacation-1")).isNull();
        assertThat(queries.rounds()).filteredOn(r -> "市委第五巡察组".equals(r.get("inspectionTeam"))).hasSize(1);
    }

    @Test
    void aDepartmentClaimingAnothersIdentityIsRefusedAndCountedAsASecurityEventOfTheMailChannel() throws Exception {
        String claim = org.rectificationhub.canonical.CanonicalJson.write(
                org.rectificationhub.support.Examples.progressJson().put("department", "rectification-office")
                        .put("updateId", "claimed-by-economy"));
        mail.send(MailBox.attachmentsMail("claim-1", "economic-development@localhost", "进展", List.of(
                new MailBox.Attachment("update.json", claim.getBytes(StandardCharsets.UTF_8)))));

        Message reply = await().atMost(Duration.ofSeconds(30)).until(
                () -> mail.inbox("economic-development@localhost").stream().filter(m -> inReplyTo(m, "claim-1"))
                        .findFirst().orElse(null), r -> r != null);
        assertThat(body(reply)).contains("未记录 Not recorded:\n- update.json #1: department");
        assertThat(meters.find("hub.security.events").tag("channel", "mail").counters())
                .anySatisfy(c -> assertThat(c.count()).isPositive());
    }

    private Message replyTo(String id) throws Exception {
        return mail.inbox(OFFICE).stream().filter(m -> inReplyTo(m, id)).findFirst().orElse(null);
    }

    private Message hubMail(String id) throws Exception {
        return mail.inbox("hub@localhost").stream().filter(m -> hasId(m, id)).findFirst().orElseThrow();
    }

    private boolean answered(String id) {
        return jdbc.queryForObject("select count(*) from mail_message where message_key = ?", Long.class,
                "<" + id + "@office.example>") == 1;
    }

    private String reason(String id) {
        return jdbc.queryForObject("select reason from quarantine where source = ?", String.class,
                "<" + id + "@office.example>");
    }

    private long quarantined(String part) {
        return jdbc.queryForObject("select count(*) from quarantine where source like ?", Long.class,
                "%(" + part + ")");
    }

    private static boolean hasId(Message m, String id) {
        try {
            return ("<" + id + "@office.example>").equals(m.getHeader("Message-ID")[0]);
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean isSeen(Message m) {
        try {
            return m.isSet(Flags.Flag.SEEN);
        } catch (Exception e) {
            return false;
        }
    }

    /** The text as written: mail carries lines ended by CR LF. */
    private static String body(Message m) throws Exception {
        return String.valueOf(m.getContent()).replace("\r\n", "\n");
    }

    private static byte[] sample() throws Exception {
        try (InputStream in = MailChannelTest.class.getClassLoader()
                .getResourceAsStream("samples/notices/guancheng-2025.txt")) {
            return in.readAllBytes();
        }
    }

    /** An office's ledger of two problems: a title naming team and dates, the columns, two rows. */
    private static List<List<String>> ledger(String team, String feedback) {
        return List.of(List.of(team + "巡察中共莞城街道工作委员会反馈问题整改台账（巡察时间：2024年3月25日至5月7日，反馈时间："
                        + feedback + "）"),
                List.of("序号", "问题类别", "问题描述", "整改措施", "责任单位", "整改进展", "整改状态"),
                List.of("1", "（一）关于落实决策部署方面", "学习贯彻不够深入", "一是加强学习。", "rectification-office",
                        "已组织专题学习。", "已完成"),
                List.of("2", "（二）关于加大管党治党力度方面", "基层党建有短板", "一是强化党建。", "rectification-office",
                        "正在推进。", "正在整改"));
    }

    private static String csv(String team, String feedback) {
        StringBuilder text = new StringBuilder();
        for (List<String> row : ledger(team, feedback)) {
            text.append(String.join(",", row.stream().map(c -> "\"" + c + "\"").toList())).append("\r\n");
        }
        return text.toString();
    }

    private static byte[] xlsx(String team, String feedback) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("台账");
            List<List<String>> rows = ledger(team, feedback);
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    row.createCell(c).setCellValue(rows.get(r).get(c));
                }
            }
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, 6));
            book.write(out);
            return out.toByteArray();
        }
    }
}
