package org.rectificationhub.ledger;

import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rectificationhub.support.Examples.ECONOMY;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The running hub: a state row edited in the database is found by the sweep within its period, without anyone
 * asking, and health goes DOWN; and every form in which the hub hands out its checkpoints is read back as a copy.
 */
@SpringBootTest(properties = {"hub.ledger.check-interval=300", "hub.ledger.sweep-every=3s"})
@AutoConfigureMockMvc
class LedgerSweepTest {

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
    Checkpoints checkpoints;
    @Autowired
    LedgerVerifier verifier;
    @Autowired
    HealthEndpoint health;
    @Autowired
    MockMvc mvc;

    private void roundAndProgress() {
        if (jdbc.queryForObject("select count(*) from ledger_entry", Long.class) == 0) {
            hub.drop(OFFICE, "round.json", Examples.roundJson().toString());
            hub.awaitInboxEmpty(Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(10)).until(() -> watch.lastCheckpoint().isPresent());
            hub.drop(ECONOMY, "progress.json", Examples.progressJson().toString());
            hub.awaitInboxEmpty(Duration.ofSeconds(30));
        }
    }

    @Test
    void aStateRowClosedInTheDatabaseWhileTheHubRunsIsFoundByTheSweepWithinItsPeriod() {
        roundAndProgress();
        await().atMost(Duration.ofSeconds(10)).until(() -> watch.verifiedPosition() == 2);

        jdbc.update("update problem set status = 'closed' where problem_no = 1");

        await().atMost(Duration.ofSeconds(15)).until(() -> "DOWN".equals(health.healthForPath("ledger").getStatus()
                .getCode()));
        assertThat(CanonicalJson.write(health.healthForPath("ledger"))).contains("'closed'", "found by the sweep");
        watch.clear("operator", "closed by hand after review; accepted");
    }

    @Test
    void theApisTheSitesAndTheHubsOwnCopiesOfTheCheckpointsAreEachReadAndSayWhichFormTheyAre() throws Exception {
        roundAndProgress();
        Path site = hub.dataDir().resolve("site/checkpoints.json");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(site)
                && CanonicalJson.readTree(Files.readString(site)).path("checkpoints").size() > 0);
        Path api = hub.dataDir().resolveSibling(hub.dataDir().getFileName() + "-api-checkpoints.json");
        Files.writeString(api, mvc.perform(get("/api/ledger/checkpoints").with(httpBasic("operator",
                HubFolders.OPERATOR_PASSWORD))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());

        List<Checkpoint> fromApi = new ArrayList<>();
        List<Checkpoint> fromSite = new ArrayList<>();
        CheckpointCopy.Read apiRead = CheckpointCopy.read(api, fromApi::add);
        CheckpointCopy.Read siteRead = CheckpointCopy.read(site, fromSite::add);
        CheckpointCopy.Read ownRead = CheckpointCopy.read(checkpoints.file(), checkpoint -> { });

        assertThat(apiRead.form()).isEqualTo(CheckpointCopy.API);
        assertThat(siteRead.form()).isEqualTo(CheckpointCopy.SITE);
        assertThat(ownRead.form()).isEqualTo(CheckpointCopy.JSON_LINES);
        assertThat(fromApi).isNotEmpty().isSubsetOf(checkpoints.stored());
        assertThat(fromSite).isNotEmpty().isSubsetOf(checkpoints.stored());
        assertThat(fromApi).allSatisfy(c -> assertThat(SigningKeys.valid(c.publicKey(), c.payload(), c.signature()))
                .isTrue());
        LedgerVerifier.Report report = verifier.verify(List.of(api, site));
        assertThat(report.ok()).as(String.valueOf(report.problem())).isTrue();
        Files.delete(api);
    }
}
