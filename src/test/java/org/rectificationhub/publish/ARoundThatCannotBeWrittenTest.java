package org.rectificationhub.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ingest.IngestReport;
import org.rectificationhub.ingest.Input;
import org.rectificationhub.ingest.Intake;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A round whose pages cannot be written (a file stands where its folder goes, as a botched copy or restore leaves
 * it): that round is retried, then parked with the error and since when, in the API and the console; every other
 * round is published, before and after. Once the folder is mended, the operator's replay publishes it.
 */
@SpringBootTest(properties = {"hub.delivery.poll=50", "hub.delivery.first-back-off=50ms",
        "hub.delivery.max-back-off=200ms", "hub.delivery.park-after=3", "hub.site.min-interval=200ms",
        "hub.site.refresh=100"})
@AutoConfigureMockMvc
class ARoundThatCannotBeWrittenTest {

    static final HubFolders hub = HubFolders.create();
    static final String BROKEN = "broken-round";
    static final List<String> ROUNDS = List.of("fine-round-1", BROKEN, "fine-round-2");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
    }

    @Autowired
    Intake intake;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MockMvc mvc;

    @Test
    void aRoundThatCannotBeWrittenIsParkedWithItsErrorWhileEveryOtherRoundIsPublished() throws Exception {
        Path rounds = hub.dataDir().resolve("site/rounds");
        Files.createDirectories(rounds);
        Files.writeString(rounds.resolve(BROKEN), "not a folder");
        List<Input> inputs = new ArrayList<>();
        ROUNDS.forEach(roundId -> inputs.add(json(registration(roundId))));
        for (int n = 1; n <= 30; n++) {
            inputs.add(json(update(n, "report " + n)));
        }
        assertThat(intake.takeAll(inputs)).allMatch(IngestReport::allRecorded);
        long ofBroken = jdbc.queryForObject("select count(*) from ledger_entry where round_id = ?", Long.class, BROKEN);

        await().atMost(Duration.ofSeconds(30)).until(() -> parked() == ofBroken && waiting() == 0);
        assertPublished("fine-round-1", "report 30");
        assertPublished("fine-round-2", "report 29");
        assertThat(rounds.resolve(BROKEN)).isRegularFile();
        mvc.perform(get("/api/deliveries").param("target", "publication").param("state", "parked")
                        .with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value((int) ofBroken))
                .andExpect(jsonPath("$[*].roundId").value(everyItem(org.hamcrest.Matchers.is(BROKEN))))
                .andExpect(jsonPath("$[*].lastError").value(everyItem(containsString("rounds/" + BROKEN))))
                .andExpect(jsonPath("$[*].failingSince").value(everyItem(notNullValue())))
                .andExpect(jsonPath("$[*].parkedAt").value(everyItem(notNullValue())));
        mvc.perform(get("/api/deliveries/targets").with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD)))
                .andExpect(jsonPath("$[?(@.name == 'publication')].parked").value(hasItem((int) ofBroken)));
        mvc.perform(get("/ops/deliveries").with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("rounds/" + BROKEN)));

        // the parked round holds back no later change of another
        assertThat(intake.take(json(update(32, "after the park"))).allRecorded()).isTrue();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertPublished("fine-round-2", "after the park"));

        Files.delete(rounds.resolve(BROKEN));
        mvc.perform(post("/api/deliveries/publication/replay").with(httpBasic("operator",
                HubFolders.OPERATOR_PASSWORD))).andExpect(status().isOk())
                .andExpect(jsonPath("$.replayed").value((int) ofBroken));
        await().atMost(Duration.ofSeconds(20)).until(() -> parked() == 0 && waiting() == 0);
        assertPublished(BROKEN, "report 28");
        assertThat(jdbc.queryForObject("select count(*) from outbox where target = 'publication'"
                + " and delivered_at is null", Long.class)).as("nothing lost").isZero();
        assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'delivery.replay'"
                + " and target = 'delivery/publication' and outcome = 'done'", Long.class)).isEqualTo(1);
    }

    private void assertPublished(String roundId, String latest) throws Exception {
        Path page = hub.dataDir().resolve("site/rounds").resolve(roundId).resolve("index.html");
        assertThat(page).exists();
        assertThat(Files.readString(page, StandardCharsets.UTF_8)).contains(latest + "</p>");
    }

    private long parked() {
        return jdbc.queryForObject("select count(*) from outbox where target = 'publication' and parked_at is not null",
                Long.class);
    }

    private long waiting() {
        return jdbc.queryForObject("select count(*) from outbox where target = 'publication' and delivered_at is null"
                + " and parked_at is null", Long.class);
    }

    /** Update n goes to round n % 3: 30 to fine-round-1, 28 to the broken one, 29 and 32 to fine-round-2. */
    private static ObjectNode update(int n, String progress) {
        ObjectNode json = Examples.progressJson();
        json.remove(List.of("measureSeq", "evidence", "accountability", "exemption"));
        return json.put("department", OFFICE).put("updateId", "site-" + n).put("roundId", ROUNDS.get(n % 3))
                .put("problemNo", 1).put("sequence", n).put("status", "in-progress").put("progress", progress);
    }

    private static ObjectNode registration(String roundId) {
        ObjectNode json = Examples.roundJson();
        ((ObjectNode) json.get("round")).put("roundId", roundId);
        return json.put("updateId", "register-" + roundId);
    }

    private static Input json(ObjectNode json) {
        return Input.of("test", OFFICE, json.path("updateId").asText(),
                CanonicalJson.write(json).getBytes(StandardCharsets.UTF_8), null, null);
    }
}
