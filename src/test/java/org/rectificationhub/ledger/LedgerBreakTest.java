package org.rectificationhub.ledger;

import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.rectificationhub.support.Examples.ECONOMY;
import static org.rectificationhub.support.Examples.OFFICE;

/** A break found by the continuous check: health DOWN naming the entry, and no channel acknowledges until cleared. */
@SpringBootTest(properties = "hub.ledger.check-interval=300")
@AutoConfigureMockMvc
class LedgerBreakTest {

    static final HubFolders hub = HubFolders.create();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IntegrityWatch watch;
    @Autowired
    HealthEndpoint health;
    @Autowired
    MockMvc mvc;
    @Autowired
    org.rectificationhub.HubProperties properties;

    @Test
    void aBreakTurnsHealthDownNamingTheEntryAndNothingIsAcknowledgedUntilAnOperatorClearsIt() {
        hub.drop(OFFICE, "round.json", Examples.roundJson().toString());
        hub.awaitInboxEmpty(Duration.ofSeconds(30));
        hub.drop(ECONOMY, "progress.json", Examples.progressJson().toString());
        hub.awaitInboxEmpty(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> watch.verifiedPosition() == 2);

        jdbc.execute("drop trigger ledger_entry_append_only");
        jdbc.update("update ledger_entry set source = 'somewhere-else' where id = 2");
        await().atMost(Duration.ofSeconds(10)).until(() -> "DOWN".equals(health.healthForPath("ledger").getStatus().getCode()));
        assertThat(CanonicalJson.write(health.healthForPath("ledger"))).contains("\"brokenAt\":2", "entry_hash");

        hub.drop(ECONOMY, "after-break.json", Examples.progressJson().put("updateId", "after-break")
                .put("sequence", 5).toString());
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
        assertThat(hub.inbox(ECONOMY).resolve("after-break.json")).as("not acknowledged").exists();
        assertThat(entries("after-break")).isZero();
        assertThat(jdbc.queryForObject("select count(*) from quarantine", Long.class)).isZero();

        assertThat(watch.clear("operator", "the source column was edited by hand; the entry itself is sound"))
                .hasValueSatisfying(b -> assertThat(b.entry()).isEqualTo(2L));
        hub.awaitInboxEmpty(Duration.ofSeconds(30));
        assertThat(entries("after-break")).isEqualTo(1);
        assertThat(health.healthForPath("ledger").getStatus().getCode()).isEqualTo("UP");
    }

    @Test
    void theFullVerificationIsAskedWithAPostOneAtATimeAndAGetOnlyReadsTheLastResult() throws Exception {
        JsonNode ran = json(mvc.perform(post("/api/ledger/verify").with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD)))
                .andExpect(status().isOk()));
        assertThat(ran.path("ok").asBoolean()).as(ran.toString()).isTrue();

        JsonNode last = json(mvc.perform(get("/api/ledger/verify").with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD)))
                .andExpect(status().isOk()));
        assertThat(last.path("entries").asLong()).isEqualTo(ran.path("entries").asLong());
        assertThat(last.path("instance").asText()).isEqualTo(properties.instanceId());

        VerificationRecord elsewhere = new VerificationRecord(jdbc, new org.rectificationhub.HubProperties(
                properties.dataDir(), "hub-elsewhere", properties.departments(), properties.limits()));
        assertThat(elsewhere.claim(Duration.ofMinutes(5))).isEmpty();
        JsonNode refused = json(mvc.perform(post("/api/ledger/verify").with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD)))
                .andExpect(status().isConflict()));
        assertThat(refused.path("instance").asText()).isEqualTo("hub-elsewhere");
        assertThat(refused.path("startedAt").asText()).isNotBlank();
        elsewhere.abandon();
    }

    private static JsonNode json(ResultActions result) throws Exception {
        return CanonicalJson.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private long entries(String updateId) {
        return jdbc.queryForObject("select count(*) from ledger_entry where update_id = ?", Long.class, updateId);
    }
}
