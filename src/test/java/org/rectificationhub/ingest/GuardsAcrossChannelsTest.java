package org.rectificationhub.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rectificationhub.HubApplication;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ledger.LedgerQueries;
import org.rectificationhub.support.HubFolders;
import org.rectificationhub.support.KafkaClient;
import org.rectificationhub.support.KafkaTestBroker;
import org.rectificationhub.support.MailBox;
import org.rectificationhub.support.Updates;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a department may not do, tried on each channel of one hub (file, Kafka, mail): exempt its own problem from
 * publication (refused with the rule, counted, the problem stays public; the office's exemption still withholds it),
 * or get a bidi control or control character back raw in the hub's answers (reason file, receipt, mail reply).
 */
@SpringBootTest(classes = HubApplication.class, properties = {
        "hub.kafka.bootstrap-servers=${test.kafka.brokers}",
        "hub.kafka.metadata-max-age=1000",
        "hub.mail.poll-delay=200"})
@KafkaTestBroker(partitions = 1, topics = {
        "rectification.updates.rectification-office", "rectification.updates.economic-development",
        "rectification.receipts.rectification-office", "rectification.receipts.economic-development"})
class GuardsAcrossChannelsTest {

    static final HubFolders hub = HubFolders.create();
    static final MailBox mail = new MailBox(MailBox.freePort(), MailBox.freePort());
    static final String ROUND = "guards-round";
    static final String ECONOMY = "economic-development";
    static final String ECONOMY_MAIL = ECONOMY + "@localhost";
    static final String OFFICE_MAIL = Updates.OFFICE + "@localhost";
    static final String RULE = "only the rectification office may exempt a problem from publication";
    static final AtomicLong sequence = new AtomicLong(100);
    static final Duration MOVED_WITHIN = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.registerWithKafka(registry);
        mail.register(registry);
    }

    @Value("${test.kafka.brokers}")
    String brokers;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LedgerQueries queries;
    @Autowired
    MeterRegistry meters;

    KafkaClient kafka;

    @BeforeEach
    void registerTheRoundOnce() {
        kafka = new KafkaClient(brokers);
        if (entries("round-" + ROUND) == 0) {
            hub.drop(Updates.OFFICE, "round.json", Updates.round(ROUND));
            await().atMost(Duration.ofSeconds(60)).until(() -> entries("round-" + ROUND) == 1);
        }
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void aDepartmentsOwnExemptionIsRefusedOnEveryChannelCountedAndItsProblemStaysOnThePublicNotice() throws Exception {
        hub.drop(ECONOMY, "self-exempt.json", Updates.bytes(selfExemption("self-exempt-file")));
        kafka.send(ECONOMY, "self-exempt-kafka", Updates.bytes(selfExemption("self-exempt-kafka")));
        kafka.flush();
        mail.send(MailBox.attachmentsMail("self-exempt-mail", ECONOMY_MAIL, "整改进展", List.of(new MailBox.Attachment(
                "update.json", Updates.bytes(selfExemption("self-exempt-mail"))))));

        String reasonFile = HubFolders.reasonBeside(hub.awaitMoved("error", "-self-exempt.json", MOVED_WITHIN));
        JsonNode receipt = KafkaClient.about(kafka.receiptsUntil(all -> !KafkaClient.about(all, "self-exempt-kafka")
                .isEmpty(), 30, TimeUnit.SECONDS), "self-exempt-kafka").get(0);
        Message reply = await().atMost(Duration.ofSeconds(30))
                .until(() -> mail.replyTo(ECONOMY_MAIL, "self-exempt-mail"), r -> r != null);

        assertThat(reasonFile).contains("REJECTED", RULE, "'economic-development' is a department");
        assertThat(receipt.path("status").asText()).isEqualTo("rejected");
        assertThat(receipt.path("reason").asText()).contains(RULE);
        assertThat(body(reply)).contains("未记录 Not recorded", RULE);
        for (String channel : List.of("file", "kafka", "mail")) {
            Counter refused = meters.find("hub.security.events").tag("type", "exemption-not-office")
                    .tag("channel", channel).counter();
            assertThat(refused).as(channel).isNotNull();
            assertThat(refused.count()).as(channel).isEqualTo(1.0);
        }
        assertThat(jdbc.queryForObject("select count(*) from ledger_entry where update_id like 'self-exempt-%'",
                Long.class)).isZero();
        assertThat(problem(1).get("exemption")).isNull();
        JsonNode site = publicRound(r -> r.path("problems").findValuesAsText("problemNo").contains("1"));
        assertThat(site.path("computedTotals").path("problems").asInt()).isEqualTo(publicProblems());
        assertThat(hub.dataDir().resolve("site/rounds/" + ROUND + "/problems/1.html")).exists();
    }

    @Test
    void theOfficesExemptionStillWithholdsItsProblemFromThePublicNoticeByKafkaAndByMail() throws Exception {
        kafka.send(Updates.OFFICE, "office-exempt-kafka", Updates.bytes(officeExemption(14, "office-exempt-kafka")));
        kafka.flush();
        mail.send(MailBox.attachmentsMail("office-exempt-mail", OFFICE_MAIL, "豁免公开", List.of(
                new MailBox.Attachment("exemption.json", Updates.bytes(officeExemption(4, "office-exempt-mail"))))));

        JsonNode receipt = KafkaClient.about(kafka.receiptsUntil(all -> !KafkaClient.about(all, "office-exempt")
                .isEmpty(), 30, TimeUnit.SECONDS), "office-exempt").get(0);
        Message reply = await().atMost(Duration.ofSeconds(30))
                .until(() -> mail.replyTo(OFFICE_MAIL, "office-exempt-mail"), r -> r != null);

        assertThat(receipt.path("status").asText()).as(receipt.toString()).isEqualTo("accepted");
        assertThat(body(reply)).contains("exemption.json #1: accepted");
        assertThat(problem(14).get("exemption")).isEqualTo("case-under-review");
        assertThat(problem(4).get("exemption")).isEqualTo("case-under-review");
        JsonNode site = publicRound(r -> !r.path("problems").findValuesAsText("problemNo").contains("14")
                && !r.path("problems").findValuesAsText("problemNo").contains("4"));
        assertThat(site.path("computedTotals").path("problems").asInt()).isEqualTo(publicProblems());
        for (int no : new int[] {4, 14}) {
            Path page = hub.dataDir().resolve("site/rounds/" + ROUND + "/problems/" + no + ".html");
            await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(page));
        }
    }

    @Test
    void aSendersBidiControlReachesNoAnswerRawOnAnyChannel() throws Exception {
        hub.drop(ECONOMY, "bidi.json", Updates.bytes(bidiDocument("bidi-file")));
        kafka.send(ECONOMY, "bidi-kafka", Updates.bytes(bidiDocument("bidi-kafka")));
        kafka.flush();
        mail.send(MailBox.attachmentsMail("bidi-mail", ECONOMY_MAIL, "进展\u202Excod.exe", List.of(
                new MailBox.Attachment("update.json", Updates.bytes(bidiDocument("bidi-mail"))))));

        String reasonFile = HubFolders.reasonBeside(hub.awaitMoved("error", "-bidi.json", MOVED_WITHIN));
        JsonNode receipt = KafkaClient.about(kafka.receiptsUntil(all -> !KafkaClient.about(all, "bidi-kafka")
                .isEmpty(), 30, TimeUnit.SECONDS), "bidi-kafka").get(0);
        Message reply = await().atMost(Duration.ofSeconds(30))
                .until(() -> mail.replyTo(ECONOMY_MAIL, "bidi-mail"), r -> r != null);

        for (String answer : List.of(reasonFile, receipt.toString(), reply.getSubject(), body(reply))) {
            assertThat(answer).doesNotContain("\u202E", "\u0007");
        }
        assertThat(reasonFile).contains("pro\uFFFDgress");
        assertThat(receipt.path("reason").asText()).contains("pro\uFFFDgress");
        assertThat(body(reply)).contains("pro\uFFFDgress");
        assertThat(reply.getSubject()).contains("进展\uFFFDxcod.exe");
    }

    /** A report on problem 1 by the department responsible for it, which exempts it itself. */
    private static ObjectNode selfExemption(String updateId) {
        ObjectNode update = Updates.progress(ROUND, ECONOMY, 1, sequence.incrementAndGet(), updateId);
        update.putObject("exemption").put("ground", "state-secret").put("approvedBy", "self")
                .put("approvedOn", "2024-10-07");
        return update;
    }

    /** The office's report on a problem, keeping its status, exempting it with the leading group's approval. */
    private ObjectNode officeExemption(int problemNo, String updateId) {
        ObjectNode update = Updates.progress(ROUND, Updates.OFFICE, problemNo, sequence.incrementAndGet(), updateId)
                .put("status", String.valueOf(problem(problemNo).get("status")));
        update.putObject("exemption").put("ground", "case-under-review").put("approvedBy", "巡察整改工作领导小组")
                .put("approvedOn", "2024-10-07");
        return update;
    }

    /** A document whose kind the hub quotes back in its reason, with a right-to-left override and a bell in it. */
    private static ObjectNode bidiDocument(String updateId) {
        return Updates.progress(ROUND, ECONOMY, 1, sequence.incrementAndGet(), updateId)
                .put("kind", "pro\u202Egress\u0007");
    }

    private JsonNode publicRound(java.util.function.Predicate<JsonNode> shows) {
        Path json = hub.dataDir().resolve("site/rounds/" + ROUND + "/round.json");
        return await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(json)
                ? CanonicalJson.mapper().readTree(Files.readString(json)) : null, r -> r != null && shows.test(r));
    }

    private long publicProblems() {
        return queries.problems(ROUND).orElseThrow().stream().filter(p -> p.get("exemption") == null).count();
    }

    private Map<String, Object> problem(int no) {
        return queries.problems(ROUND).orElseThrow().stream().filter(p -> p.get("problemNo").equals(no))
                .findFirst().orElseThrow();
    }

    private static String body(Message m) throws Exception {
        return String.valueOf(m.getContent()).replace("\r\n", "\n");
    }

    private long entries(String updateId) {
        return jdbc.queryForObject("select count(*) from ledger_entry where update_id = ?", Long.class, updateId);
    }
}
