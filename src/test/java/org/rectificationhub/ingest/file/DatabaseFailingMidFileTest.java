package org.rectificationhub.ingest.file;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ledger.Ledger;
import org.rectificationhub.ledger.Submission;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.FaultyDatabase;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import java.nio.charset.StandardCharsets;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;
import static org.rectificationhub.support.Examples.ECONOMY;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.rectificationhub.support.Examples.URBAN;

/**
 * A file's documents go to the ledger in transactions bounded in bytes. The database failing after the first of them
 * (as H2 does when its store closes): nothing is acknowledged or quarantined, health says the database is DOWN while
 * it lasts, and once it is back the file is recorded whole, each document once, and another department's file too.
 */
@SpringBootTest
@Import(FaultyDatabase.class)
class DatabaseFailingMidFileTest {

    static final HubFolders hub = HubFolders.create();
    static final int DOCUMENTS = 10;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
        // Each document is about 3.4 KB of canonical JSON: two a transaction.
        registry.add("hub.limits.max-transaction-bytes", () -> "8KB");
    }

    @MockitoSpyBean
    Ledger ledger;
    @Autowired
    HealthEndpoint health;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theDatabaseFailingMidFileLeavesEveryFileWhereItIsAndHealthDownUntilItIsBackThenAllIsRecordedOnce()
            throws Exception {
        hub.drop(OFFICE, "round.json", Examples.roundJson().toString());
        hub.awaitMoved("archive", "-round.json", Duration.ofSeconds(10));
        List<Long> transactionBytes = new CopyOnWriteArrayList<>();
        AtomicInteger heavyTransactions = new AtomicInteger();
        doAnswer(call -> {
            List<Submission> batch = call.getArgument(0);
            if (batch.get(0).document().updateId().startsWith("heavy-")) {
                transactionBytes.add(batch.stream().mapToLong(s -> CanonicalJson.write(s.document())
                        .getBytes(StandardCharsets.UTF_8).length).sum());
                if (heavyTransactions.incrementAndGet() == 2) {
                    // The first transaction of the file has committed; now the database goes.
                    FaultyDatabase.failWith("ledger_head", () -> new SQLNonTransientConnectionException(
                            "The database has been closed", "90098"));
                }
            }
            return call.callRealMethod();
        }).when(ledger).commitAll(anyList());

        hub.drop(ECONOMY, "heavy.json", heavyArray().toString());

        await().atMost(Duration.ofSeconds(20)).until(() -> FaultyDatabase.hits() > 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> status("db").equals("DOWN"));
        assertThat(health.health().getStatus().getCode()).isEqualTo("DOWN");
        assertThat(CanonicalJson.write(health.healthForPath("db"))).contains("The database has been closed", "since");
        hub.drop(URBAN, "urban.json", Examples.progressJson(1).toString());
        int hits = FaultyDatabase.hits();
        await().atMost(Duration.ofSeconds(20)).until(() -> FaultyDatabase.hits() > hits + 3);
        assertThat(hub.files("inbox")).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("heavy.json", "urban.json");
        assertThat(hub.files("error")).isEmpty();
        assertThat(count("select count(*) from quarantine")).isZero();
        assertThat(status("db")).isEqualTo("DOWN");

        FaultyDatabase.heal();

        hub.awaitMoved("archive", "-heavy.json", Duration.ofSeconds(20));
        hub.awaitMoved("archive", "-urban.json", Duration.ofSeconds(20));
        assertThat(count("select count(*) from ledger_entry where update_id like 'heavy-%'")).isEqualTo(DOCUMENTS);
        assertThat(count("select count(distinct update_id) from ledger_entry where update_id like 'heavy-%'"))
                .isEqualTo(DOCUMENTS);
        assertThat(count("select count(*) from ledger_entry where department = '" + URBAN + "'")).isEqualTo(1);
        assertThat(count("select count(*) from quarantine")).isZero();
        assertThat(hub.files("error")).isEmpty();
        assertThat(transactionBytes).as("every transaction of the file within the bound").isNotEmpty()
                .allMatch(bytes -> bytes <= 8 * 1024);
        await().atMost(Duration.ofSeconds(5)).until(() -> status("db").equals("UP"));
        assertThat(health.health().getStatus().getCode()).isEqualTo("UP");
    }

    private String status(String component) {
        return health.healthForPath(component).getStatus().getCode();
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    /** Ten reports of about 1,000 characters each, the progress of problem 1 by its department. */
    private static ArrayNode heavyArray() {
        ArrayNode array = CanonicalJson.mapper().createArrayNode();
        for (int i = 1; i <= DOCUMENTS; i++) {
            array.add(Examples.progressJson().put("updateId", "heavy-" + i).put("sequence", 100 + i)
                    .put("progress", "第" + i + "次报告：" + "对照问题清单逐项整改销号，".repeat(80)));
        }
        return array;
    }
}
