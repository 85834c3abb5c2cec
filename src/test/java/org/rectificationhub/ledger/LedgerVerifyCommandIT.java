package org.rectificationhub.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.support.ChildHub;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HubFolders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.rectificationhub.support.Examples.ECONOMY;
import static org.rectificationhub.support.Examples.OFFICE;

/**
 * An auditor checks the standalone hub's ledger offline with {@code java -jar rectification-hub.jar verify}: an
 * edited entry is named, and a rewrite with recomputed hashes, invisible to the database alone, is caught by the
 * auditor's copy of the published checkpoints. Restarted, the hub recreates the dropped append-only guard.
 */
class LedgerVerifyCommandIT {

    private final HubFolders hub = HubFolders.create();
    private final Map<String, String> environment = Map.of("HUB_KAFKA_ENABLED", "false", "HUB_FILE_SETTLE_MS", "200",
            "HUB_FILE_POLL_MS", "100", "HUB_LEDGER_CHECK_INTERVAL_MS", "500", "HUB_LEDGER_CHECKPOINT_ENTRIES", "1");

    @Test
    void theOfflineCommandNamesAnEditAndTheAuditorsCheckpointsCatchARewrite() throws Exception {
        Path auditorsCopy = hub.dataDir().resolveSibling(hub.dataDir().getFileName() + "-auditor.jsonl");
        Path apiCopy = hub.dataDir().resolveSibling(hub.dataDir().getFileName() + "-api.json");
        Path siteCopy = hub.dataDir().resolveSibling(hub.dataDir().getFileName() + "-site.json");
        try (ChildHub running = new ChildHub(hub.dataDir(), environment).start(Duration.ofSeconds(90))) {
            hub.drop(OFFICE, "round.json", Examples.roundJson().toString());
            hub.awaitInboxEmpty(Duration.ofSeconds(30));
            for (int i = 1; i <= 3; i++) {
                hub.drop(ECONOMY, "p" + i + ".json", Examples.progressJson().put("updateId", "audit-" + i)
                        .put("sequence", i).put("status", "in-progress").toString());
            }
            hub.awaitInboxEmpty(Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(30)).until(() -> CanonicalJson.readTree(running.get("/api/ledger/integrity"))
                    .path("lastCheckpoint").path("position").asInt() == 4);
            // What the publication site and the commission feed hand out: the auditor keeps a copy.
            Files.copy(hub.dataDir().resolve("checkpoints/checkpoints.jsonl"), auditorsCopy);
            Files.writeString(apiCopy, running.get("/api/ledger/checkpoints"));
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(hub.dataDir().resolve("site/checkpoints.json")));
            Files.copy(hub.dataDir().resolve("site/checkpoints.json"), siteCopy);
        }
        assertThat(verify().path("ok").asBoolean()).isTrue();

        asTheAttacker(jdbc -> {
            jdbc.execute("drop trigger ledger_entry_append_only");
            jdbc.update("update ledger_entry set sequence = 99 where id = 3");
        });
        JsonNode edited = verify();
        assertThat(edited.path("ok").asBoolean()).isFalse();
        assertThat(edited.path("firstBrokenEntry").asLong()).isEqualTo(3);

        Map<String, Object> problemRow = new java.util.HashMap<>();
        asTheAttacker(jdbc -> {
            jdbc.update("update ledger_entry set sequence = 2 where id = 3");
            problemRow.put("status", jdbc.queryForObject("select status from problem where problem_no = 1", String.class));
            jdbc.update("update problem set status = 'closed' where problem_no = 1");
        });
        assertThat(verify().path("problem").asText()).contains("problem [", "status", "'closed'");

        Map<String, Object> key = new java.util.HashMap<>();
        asTheAttacker(jdbc -> {
            jdbc.update("update problem set status = ? where problem_no = 1", problemRow.get("status"));
            key.putAll(jdbc.queryForMap("select department, update_id, content_hash, entry_id from idempotency_key"
                    + " where entry_id = 4"));
            jdbc.update("delete from idempotency_key where entry_id = 4");
        });
        assertThat(verify().path("problem").asText()).contains("idempotency_key", "audit-3", "is missing");

        asTheAttacker(jdbc -> {
            jdbc.update("insert into idempotency_key (department, update_id, content_hash, entry_id) values (?,?,?,?)",
                    key.get("DEPARTMENT"), key.get("UPDATE_ID"), key.get("CONTENT_HASH"), key.get("ENTRY_ID"));
            Attacker.rewriteFrom(jdbc, 2, "forged-source");
            jdbc.update("delete from ledger_checkpoint");
        });
        Files.delete(hub.dataDir().resolve("checkpoints/checkpoints.jsonl"));
        assertThat(verify().path("ok").asBoolean()).as("the database alone no longer tells").isTrue();
        JsonNode caught = verify("--checkpoints", auditorsCopy.toString());
        assertThat(caught.path("ok").asBoolean()).isFalse();
        assertThat(caught.path("problem").asText()).contains("history was rewritten");
        assertThat(caught.path("firstBrokenEntry").asLong()).isBetween(2L, 4L);
        JsonNode fromPublished = verify("--checkpoints", apiCopy.toString(), "--checkpoints", siteCopy.toString());
        assertThat(fromPublished.path("problem").asText()).as(fromPublished.toString()).contains("history was rewritten");
        assertThat(fromPublished.path("checkpointCopies").findValuesAsText("form"))
                .containsExactly(CheckpointCopy.API, CheckpointCopy.SITE);

        try (ChildHub restarted = new ChildHub(hub.dataDir(), environment).start(Duration.ofSeconds(90))) {
            assertThat(restarted.status("/actuator/health")).isEqualTo(200);
        }
        asTheAttacker(jdbc -> assertThatThrownBy(() -> jdbc.update("update ledger_entry set source = 'x' where id = 1"))
                .as("the restarted hub recreated the append-only guard").hasMessageContaining("append-only"));
    }

    /** Runs the packaged command; its JSON report. Exit 0 means ok, 1 a break: checked against the report. */
    private JsonNode verify(String... options) throws Exception {
        ChildHub.Verified verified = ChildHub.verify(hub.dataDir(), options);
        JsonNode report = CanonicalJson.readTree(verified.report());
        assertThat(verified.exitCode()).as(verified.printed()).isEqualTo(report.path("ok").asBoolean() ? 0 : 1);
        return report;
    }

    /** The database is the hub's own file: opened only while neither the hub nor the command has it. */
    private void asTheAttacker(java.util.function.Consumer<JdbcTemplate> edits) {
        try (SingleConnectionDataSource db = ledgerDatabase()) {
            edits.accept(new JdbcTemplate(db));
        }
    }

    private SingleConnectionDataSource ledgerDatabase() {
        try {
            String password = Files.readString(hub.dataDir().resolve("db-password.txt")).strip();
            return new SingleConnectionDataSource("jdbc:h2:file:" + hub.dataDir().resolve("db/ledger").toAbsolutePath(),
                    "hub", password, true);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
