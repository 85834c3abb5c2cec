package org.rectificationhub.commission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.rectificationhub.HubApplication;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ingest.IngestReport;
import org.rectificationhub.ingest.Input;
import org.rectificationhub.ingest.Intake;
import org.rectificationhub.support.HubFolders;
import org.rectificationhub.support.KafkaTestBroker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.rectificationhub.commission.CommissionFeedTest.json;
import static org.rectificationhub.commission.CommissionFeedTest.registration;
import static org.rectificationhub.commission.CommissionFeedTest.update;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A round's snapshot larger than the producer may send (max.request.size, here 64 KB) on a real KRaft broker: that
 * round's snapshot is retried, then parked and shown with the broker's refusal; the other rounds' snapshots, the
 * alerts and the checkpoints go out all the same, and later snapshots of those rounds too. A replay sends a snapshot
 * again as it was: same id, same content.
 */
@SpringBootTest(classes = HubApplication.class, properties = {
        "hub.kafka.bootstrap-servers=${test.kafka.brokers}",
        "hub.commission.window=1s",
        "hub.commission.poll=200",
        "hub.commission.max-event-size=65536",
        "hub.delivery.poll=100",
        "hub.delivery.first-back-off=100ms",
        "hub.delivery.max-back-off=200ms",
        "hub.delivery.park-after=3",
        "hub.ledger.check-interval=500"})
@AutoConfigureMockMvc
@KafkaTestBroker(topics = "commission.rectification.feed")
class SnapshotTooLargeForTheBrokerTest {

    static final HubFolders hub = HubFolders.create();
    /** Sorted first, so the feed meets the failing round before the others at every tick. */
    static final String HUGE = "a-huge-round";
    static final String FINE = "feed-round-1";
    static final String OTHER = "feed-round-2";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.registerWithKafka(registry);
    }

    @Value("${test.kafka.brokers}")
    String brokers;
    @Autowired
    Intake intake;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MockMvc mvc;

    private final List<JsonNode> events = new ArrayList<>();

    @Test
    void aSnapshotTooLargeIsParkedAloneWhileOtherRoundsAlertsAndCheckpointsGoOut() throws Exception {
        List<Input> inputs = new ArrayList<>(List.of(json(registration(HUGE)), json(registration(FINE)),
                json(registration(OTHER))));
        for (int n = 0; n < 10; n++) {
            inputs.add(json(largeReport(n)));
        }
        // CommissionFeedTest.update(n) goes to its round n % 3: 3 and 6 to FINE, 4 to OTHER
        inputs.add(json(update(3).put("status", "completed")));
        inputs.add(json(update(4)));
        inputs.add(json(update(6)));
        assertThat(intake.takeAll(inputs)).allMatch(IngestReport::allRecorded);
        // a step back on FINE's problem: a regression alert
        assertThat(intake.take(json(update(3).put("updateId", "step-back").put("sequence", 10)
                .put("status", "in-progress").put("progress", "stepped back"))).allRecorded()).isTrue();

        try (KafkaConsumer<String, String> consumer = CommissionFeedTest.consumer(brokers)) {
            consumer.subscribe(List.of("commission.rectification.feed"));
            pollUntil(consumer, e -> has(e, FeedEvents.SNAPSHOT, FINE, "stepped back") && has(e, FeedEvents.SNAPSHOT,
                    OTHER, null) && has(e, FeedEvents.ALERT, FINE, "regression") && has(e, FeedEvents.CHECKPOINT,
                    "ledger", null));
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from"
                    + " commission_snapshot where round_id = ? and parked_at is not null", Long.class, HUGE) == 1);

            mvc.perform(get("/api/deliveries/targets").with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$[?(@.name == 'commission')].held[0].roundId").value(hasItem(HUGE)))
                    .andExpect(jsonPath("$[?(@.name == 'commission')].held[0].attempts").value(hasItem(3)))
                    .andExpect(jsonPath("$[?(@.name == 'commission')].held[0].lastError")
                            .value(hasItem(containsString("RecordTooLargeException"))))
                    .andExpect(jsonPath("$[?(@.name == 'commission')].held[0].failingSince").value(hasItem(notNullValue())))
                    .andExpect(jsonPath("$[?(@.name == 'commission')].held[0].parkedAt").value(hasItem(notNullValue())));
            mvc.perform(get("/ops/deliveries").with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD)))
                    .andExpect(status().isOk()).andExpect(org.springframework.test.web.servlet.result
                            .MockMvcResultMatchers.content().string(containsString("snapshot " + HUGE + " #1")));

            // the parked round holds back no later snapshot of another
            assertThat(intake.take(json(update(7).put("progress", "after the park"))).allRecorded()).isTrue();
            pollUntil(consumer, e -> has(e, FeedEvents.SNAPSHOT, OTHER, "after the park"));

            // the commission lost FINE's first snapshot: the operator replays the entries it listed
            JsonNode first = events.stream().filter(e -> e.path("subject").asText().equals(FINE)
                    && e.path("type").asText().equals(FeedEvents.SNAPSHOT)).findFirst().orElseThrow();
            long entry = first.path("data").path("entries").get(0).path("entryId").asLong();
            mvc.perform(post("/api/deliveries/commission/replay").param("entryIds", String.valueOf(entry))
                    .with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD))).andExpect(status().isOk());
            pollUntil(consumer, e -> e.stream().filter(x -> x.path("id").equals(first.path("id"))).count() == 2);
        }

        // its alerts may go (they never wait for snapshots); its snapshot, too large for the broker, never does
        assertThat(events).as("no snapshot of the huge round reached the topic")
                .noneMatch(e -> e.path("subject").asText().equals(HUGE)
                        && e.path("type").asText().equals(FeedEvents.SNAPSHOT));
        assertThat(events).as("an id always names the same content").allSatisfy(e -> assertThat(events.stream()
                .filter(x -> x.path("id").equals(e.path("id")))).allMatch(x -> x.equals(e)));
        assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'delivery.replay'"
                + " and target = 'delivery/commission' and outcome = 'done'",
                Long.class)).isEqualTo(1);
    }

    /** A report on HUGE naming twenty people with long names: ten of them make a snapshot over 64 KB. */
    private static ObjectNode largeReport(int n) {
        ObjectNode report = update(9000 + n).put("roundId", HUGE).put("updateId", "huge-" + n);
        ArrayNode subjects = report.putArray("accountability").addObject().put("action", "诫勉谈话" + n)
                .put("count", 20).putArray("subjects");
        for (int i = 0; i < 20; i++) {
            subjects.add("某".repeat(190) + i);
        }
        return report;
    }

    private static boolean has(List<JsonNode> events, String type, String subject, String text) {
        return events.stream().anyMatch(e -> e.path("type").asText().equals(type)
                && e.path("subject").asText().equals(subject) && (text == null || e.toString().contains(text)));
    }

    private void pollUntil(KafkaConsumer<String, String> consumer, Predicate<List<JsonNode>> done) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                events.add(CanonicalJson.readTree(record.value()));
            }
            return done.test(events);
        });
    }
}
