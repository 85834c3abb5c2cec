package org.rectificationhub.commission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.rectificationhub.HubApplication;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ingest.IngestReport;
import org.rectificationhub.ingest.Input;
import org.rectificationhub.ingest.Intake;
import org.rectificationhub.ledger.Checkpoint;
import org.rectificationhub.ledger.CheckpointCopy;
import org.rectificationhub.ledger.LedgerQueries;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.rectificationhub.support.KafkaTestBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The commission's feed on a real KRaft broker: a burst becomes a few consolidated snapshots per round, each entry
 * in exactly one of them, the last equal to the ledger; checkpoints follow; confidential names reach the
 * commission and never the public site; the commission's API opens to its own login only.
 */
@SpringBootTest(classes = HubApplication.class, properties = {
        "hub.kafka.bootstrap-servers=${test.kafka.brokers}",
        "hub.commission.window=1s",
        "hub.commission.poll=200",
        "hub.delivery.poll=100",
        "hub.ledger.check-interval=500",
        "hub.commission.password=" + CommissionFeedTest.COMMISSION_PASSWORD})
@AutoConfigureMockMvc
@KafkaTestBroker(partitions = 3, topics = "commission.rectification.feed")
class CommissionFeedTest {

    static final String COMMISSION_PASSWORD = "commission-test-password";
    static final HubFolders hub = HubFolders.create();
    static final List<String> ROUNDS = List.of("feed-round-1", "feed-round-2", "feed-round-3");
    static final int[] PROBLEMS = {1, 4, 14};
    static final String CANARY = "CANARY-张某某-" + System.nanoTime();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.registerWithKafka(registry);
    }

    @Value("${test.kafka.brokers}")
    String brokers;
    @Autowired
    Intake intake;
    @Autowired
    LedgerQueries queries;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MockMvc mvc;
    @Autowired
    SnapshotFeed feed;

    @Test
    void aBurstBecomesAFewSnapshotsPerRoundEachEntryInExactlyOneTheLastEqualToTheLedger() throws Exception {
        List<Input> inputs = new ArrayList<>();
        ROUNDS.forEach(roundId -> inputs.add(json(registration(roundId))));
        for (int n = 1; n <= 1000; n++) {
            inputs.add(json(update(n)));
        }
        for (int from = 0; from < inputs.size(); from += 100) {
            assertThat(intake.takeAll(inputs.subList(from, Math.min(inputs.size(), from + 100))))
                    .allMatch(IngestReport::allRecorded);
        }
        List<Long> committed = jdbc.queryForList("select id from ledger_entry order by id", Long.class);

        Map<String, List<JsonNode>> snapshots = new HashMap<>();
        List<JsonNode> checkpoints = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of("commission.rectification.feed"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode event = CanonicalJson.readTree(record.value());
                    assertThat(event.path("specversion").asText()).isEqualTo("1.0");
                    if (event.path("type").asText().equals(FeedEvents.SNAPSHOT)) {
                        assertThat(record.key()).isEqualTo(event.path("subject").asText());
                        snapshots.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(event.path("data"));
                    } else if (event.path("type").asText().equals(FeedEvents.CHECKPOINT)) {
                        checkpoints.add(event.path("data"));
                    }
                }
                return listed(snapshots).size() >= committed.size() && !checkpoints.isEmpty();
            });
        }

        assertThat(listed(snapshots)).as("every entry in exactly one snapshot").hasSize(committed.size())
                .containsExactlyInAnyOrderElementsOf(committed);
        for (String roundId : ROUNDS) {
            List<JsonNode> ofRound = snapshots.get(roundId);
            System.out.printf("MEASURED: %s: %d snapshots for %d entries%n", roundId, ofRound.size(),
                    ofRound.stream().mapToInt(s -> s.path("entries").size()).sum());
            assertThat(ofRound).as("a burst is consolidated").hasSizeBetween(1, 10);
            JsonNode last = ofRound.get(ofRound.size() - 1);
            ObjectNode ledger = RoundSnapshot.state(queries, roundId).orElseThrow();
            assertThat(last.path("problems")).as("the last snapshot is the ledger").isEqualTo(ledger.path("problems"));
            assertThat(last.path("round")).isEqualTo(ledger.path("round"));
        }
        assertThat(checkpoints.get(0).path("signature").asText()).isNotBlank();
        assertThat(checkpoints.get(0).path("headHash").asText()).hasSize(64);
    }

    @Test
    void aLaterSnapshotAddsTheActionsReportedSinceAndStillEqualsTheLedgerReadWhole() throws Exception {
        String roundId = "actions-round";
        intake.take(json(registration(roundId)));
        int n = 5000;
        int previous = 0;
        for (int step = 1; step <= 2; step++) {
            List<Input> reports = new ArrayList<>();
            for (int i = 0; i < 3; i++, n++) {
                ObjectNode report = update(n).put("roundId", roundId).put("updateId", "actions-" + n);
                report.putArray("accountability").addObject().put("action", "约谈" + n).put("count", 1);
                reports.add(json(report));
            }
            assertThat(intake.takeAll(reports)).allMatch(IngestReport::allRecorded);
            int last = n - 1;
            await().atMost(Duration.ofSeconds(30)).until(() -> feed.latest(roundId)
                    .filter(s -> s.contains("约谈" + last)).isPresent());
            JsonNode snapshot = CanonicalJson.readTree(feed.latest(roundId).orElseThrow());
            assertThat(snapshot.path("snapshotNo").asInt()).as("step %d: a later snapshot", step).isGreaterThan(previous);
            previous = snapshot.path("snapshotNo").asInt();
            ObjectNode ledger = RoundSnapshot.state(queries, roundId).orElseThrow();
            // as sent: numbers read back from JSON are ints where the state holds longs (entry ids)
            assertThat(snapshot.path("problems")).as("step %d: the snapshot is the ledger", step)
                    .isEqualTo(CanonicalJson.readTree(CanonicalJson.write(ledger.path("problems"))));
        }
        assertThat(CanonicalJson.readTree(feed.latest(roundId).orElseThrow()).findValues("action"))
                .hasSize(6);
    }

    @Test
    void aProblemWithMoreActionsThanASnapshotListsHasItsNewestSentAndTheOthersCounted() throws Exception {
        String roundId = "many-actions-round";
        intake.take(json(registration(roundId)));
        int reports = RoundSnapshot.ACTIONS_PER_PROBLEM + 5;
        List<Input> inputs = new ArrayList<>();
        for (int i = 1; i <= reports; i++) {
            ObjectNode report = update(9000 + i).put("roundId", roundId).put("updateId", "many-" + i)
                    .put("problemNo", 1);
            report.putArray("accountability").addObject().put("action", "约谈第" + i + "次").put("count", 1);
            inputs.add(json(report));
        }
        assertThat(intake.takeAll(inputs)).allMatch(IngestReport::allRecorded);
        await().atMost(Duration.ofSeconds(30)).until(() -> feed.latest(roundId)
                .filter(s -> s.contains("约谈第" + reports + "次")).isPresent());

        JsonNode problem = CanonicalJson.readTree(feed.latest(roundId).orElseThrow()).path("problems").get(0);
        assertThat(problem.path("accountability")).hasSize(RoundSnapshot.ACTIONS_PER_PROBLEM);
        assertThat(problem.path("accountability").get(0).path("action").asText()).as("the newest, oldest first")
                .isEqualTo("约谈第6次");
        assertThat(problem.path("accountabilityOmitted").asInt()).isEqualTo(5);
        ObjectNode ledger = RoundSnapshot.state(queries, roundId).orElseThrow();
        assertThat(problem).as("a reading on from the last report equals one read whole")
                .isEqualTo(CanonicalJson.readTree(CanonicalJson.write(ledger.path("problems").get(0))));
    }

    @Test
    void aSnapshotLargerThanKafkasDefaultRequestIsSentCompressed() throws Exception {
        String roundId = "large-round";
        intake.take(json(registration(roundId)));
        String name = "某".repeat(190);
        List<Input> reports = new ArrayList<>();
        for (int n = 0; n < 120; n++) {
            ObjectNode report = update(7000 + n).put("roundId", roundId).put("updateId", "large-" + n);
            ArrayNode subjects = report.putArray("accountability").addObject().put("action", "诫勉谈话" + n)
                    .put("count", 20).putArray("subjects");
            for (int i = 0; i < 20; i++) {
                subjects.add(name + i);
            }
            reports.add(json(report));
        }
        assertThat(intake.takeAll(reports)).allMatch(IngestReport::allRecorded);

        await().atMost(Duration.ofSeconds(30)).until(() -> feed.latest(roundId)
                .filter(s -> s.contains("诫勉谈话119")).isPresent());
        int bytes = feed.latest(roundId).orElseThrow().getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("MEASURED: a snapshot of %d bytes sent%n", bytes);
        assertThat(bytes).as("over Kafka's default 1 MB request").isGreaterThan(1_048_576);
    }

    @Test
    void confidentialNamesReachTheCommissionsFeedAndApiButNeverThePublicSite() throws Exception {
        String roundId = "canary-round";
        intake.take(json(registration(roundId)));
        ObjectNode report = update(1).put("roundId", roundId).put("updateId", "canary-report");
        report.putArray("accountability").addObject().put("action", "诫勉谈话").put("count", 1)
                .putArray("subjects").add(CANARY);
        assertThat(intake.take(json(report)).allRecorded()).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from"
                + " commission_snapshot where round_id = ? and snapshot_json like ?", Long.class, roundId,
                "%" + CANARY + "%") > 0);
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of("commission.rectification.feed"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (roundId.equals(record.key()) && record.value().contains(CANARY)) {
                        return true;
                    }
                }
                return false;
            });
        }
        mvc.perform(get("/api/commission/rounds/" + roundId).with(httpBasic("commission", COMMISSION_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(CANARY)));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(hub.dataDir().resolve("site/rounds")
                .resolve(roundId).resolve("index.html")) && jdbc.queryForObject("select count(*) from outbox"
                + " where target = 'publication' and delivered_at is null", Long.class) == 0);
        assertThat(filesHolding(hub.dataDir().resolve("site"), CANARY)).isEmpty();
        mvc.perform(get("/public/rounds/" + roundId + "/round.json")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(CANARY))));
    }

    @Test
    void aDumpOfTheFeedOneEventALineOrAsAnArrayIsACopyOfTheCheckpointsThatSaysItsForm() throws Exception {
        assertThat(intake.take(json(registration("dump-round"))).allRecorded()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from ledger_checkpoint",
                Long.class) > 0);
        List<String> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of("commission.rectification.feed"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> events.add(record.value()));
                return events.stream().anyMatch(e -> e.contains(FeedEvents.CHECKPOINT));
            });
        }
        Path lines = Files.writeString(hub.dataDir().resolveSibling(hub.dataDir().getFileName() + "-feed.jsonl"),
                String.join("\n", events) + "\n");
        Path array = Files.writeString(hub.dataDir().resolveSibling(hub.dataDir().getFileName() + "-feed.json"),
                "[" + String.join(",\n", events) + "]");
        List<String> sentSignatures = new ArrayList<>();
        for (String event : events) {
            JsonNode node = CanonicalJson.readTree(event);
            if (node.path("type").asText().equals(FeedEvents.CHECKPOINT)) {
                sentSignatures.add(node.path("data").path("signature").asText());
            }
        }

        for (Path dump : List.of(lines, array)) {
            List<Checkpoint> read = new ArrayList<>();
            CheckpointCopy.Read form = CheckpointCopy.read(dump, read::add);
            assertThat(form.form()).contains("commission feed", "CloudEvents");
            assertThat(form.checkpoints()).isEqualTo(sentSignatures.size());
            assertThat(read).extracting(Checkpoint::signature).containsExactlyElementsOf(sentSignatures);
            assertThat(read).allSatisfy(c -> assertThat(jdbc.queryForObject("select head_hash from ledger_checkpoint"
                    + " where position = ? and signature = ?", String.class, c.position(), c.signature()))
                    .isEqualTo(c.headHash()));
            Files.delete(dump);
        }
    }

    @Test
    void theCommissionsApiOpensToItsOwnLoginOnly() throws Exception {
        mvc.perform(get("/api/commission/rounds").with(httpBasic("commission", COMMISSION_PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$").isArray());
        mvc.perform(get("/api/commission/rounds").with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/commission/rounds").with(httpBasic("commission", HubFolders.OPERATOR_PASSWORD)))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/commission/rounds")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/rounds").with(httpBasic("commission", COMMISSION_PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/quarantine").with(httpBasic("commission", COMMISSION_PASSWORD)))
                .andExpect(status().isForbidden());
    }

    private static List<Long> listed(Map<String, List<JsonNode>> snapshots) {
        List<Long> ids = new ArrayList<>();
        snapshots.values().forEach(list -> list.forEach(s -> s.path("entries")
                .forEach(e -> ids.add(e.path("entryId").asLong()))));
        return ids;
    }

    private static List<Path> filesHolding(Path root, String text) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return new String(Files.readAllBytes(f), StandardCharsets.UTF_8).contains(text);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    private KafkaConsumer<String, String> consumer() {
        return consumer(brokers);
    }

    /** The commission's side of the feed: a consumer group of its own, from the topic's start. */
    static KafkaConsumer<String, String> consumer(String brokers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "the-commission-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    /** Update n goes to round n % 3 and problem (n / 3) % 3; the office may report on any problem. */
    static ObjectNode update(int n) {
        ObjectNode json = Examples.progressJson();
        json.remove(List.of("measureSeq", "evidence", "accountability", "exemption"));
        return json.put("department", OFFICE).put("updateId", "feed-" + n).put("roundId", ROUNDS.get(n % 3))
                .put("problemNo", PROBLEMS[(n / 3) % 3]).put("sequence", n).put("status", "in-progress")
                .put("progress", "report " + n);
    }

    static ObjectNode registration(String roundId) {
        ObjectNode json = Examples.roundJson();
        ((ObjectNode) json.get("round")).put("roundId", roundId);
        return json.put("updateId", "register-" + roundId);
    }

    static Input json(JsonNode json) {
        return Input.of("test", OFFICE, json.path("updateId").asText(),
                CanonicalJson.write(json).getBytes(StandardCharsets.UTF_8), null, null);
    }
}
