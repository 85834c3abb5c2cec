package org.rectificationhub.ingest.file;

import org.junit.jupiter.api.Test;
import org.rectificationhub.HubApplication;
import org.rectificationhub.ledger.LedgerVerifier;
import org.rectificationhub.ledger.LedgerQueries;
import org.rectificationhub.ledger.Quarantine;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HubFolders;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rectificationhub.support.Examples.ECONOMY;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.rectificationhub.support.Examples.ROUND_ID;

/** Stopping the hub with files still in the inbox loses nothing and, once restarted, duplicates nothing. */
class RestartMidStreamTest {

    private final HubFolders hub = HubFolders.create();

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(HubApplication.class).run(
                "--server.port=0",
                "--hub.data-dir=" + hub.dataDir(),
                "--hub.operator.password=" + HubFolders.OPERATOR_PASSWORD,
                "--hub.kafka.enabled=false", "--hub.mail.enabled=false",
                "--hub.file.settle-time=100",
                "--hub.file.poll-delay=50",
                "--camel.main.shutdown-timeout=5");
    }

    @Test
    void filesLeftInTheInboxAtShutdownAreTakenAfterRestartExactlyOnce() {
        // Three polls' worth (a poll takes at most 200 files, in one transaction): the stop comes while some wait.
        int files = 600;
        try (ConfigurableApplicationContext first = start()) {
            hub.drop(OFFICE, "round.json", Examples.roundJson().toString());
            await().atMost(Duration.ofSeconds(20)).until(() -> first.getBean(LedgerQueries.class).roundExists(ROUND_ID));
            for (int i = 1; i <= files; i++) {
                hub.drop(ECONOMY, String.format("p%03d.json", i), progress(i));
            }
            // A sender that retries drops the same document again under another name.
            hub.drop(ECONOMY, "p001-resent.json", progress(1));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                    .until(() -> hub.files("archive").size() >= 40);
        }
        assertThat(hub.files("inbox")).as("the stop came mid-stream").isNotEmpty();
        assertThat(hub.files("archive").size()).isLessThan(files + 2);

        try (ConfigurableApplicationContext second = start()) {
            hub.awaitInboxEmpty(Duration.ofSeconds(60));

            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("select count(*) from ledger_entry", Long.class)).isEqualTo(files + 1);
            assertThat(jdbc.queryForObject("select count(distinct update_id) from ledger_entry", Long.class))
                    .isEqualTo(files + 1);
            assertThat(second.getBean(Quarantine.class).recent(10)).isEmpty();
            assertThat(second.getBean(LedgerVerifier.class).verify().ok()).isTrue();
            assertThat(hub.files("archive")).hasSize(files + 2);
            // No database setting given: the standalone default keeps the ledger in the data dir.
            assertThat(hub.dataDir().resolve("db/ledger.mv.db")).exists();
        }
    }

    private static String progress(int i) {
        return Examples.progressJson().put("updateId", "restart-" + i).put("sequence", i)
                .put("status", "in-progress").put("progress", "第" + i + "次").toString();
    }
}
