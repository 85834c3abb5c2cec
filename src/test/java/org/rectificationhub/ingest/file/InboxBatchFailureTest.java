package org.rectificationhub.ingest.file;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.rectificationhub.ledger.Ledger;
import org.rectificationhub.ledger.Submission;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;
import static org.rectificationhub.support.Examples.ECONOMY;
import static org.rectificationhub.support.Examples.OFFICE;

/**
 * The files of a poll share one ledger transaction. When that transaction fails for the hub's own reason, no file
 * leaves the inbox and none is quarantined: each is taken again on its own and recorded once.
 */
@SpringBootTest
class InboxBatchFailureTest {

    static final HubFolders hub = HubFolders.create();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
    }

    @MockitoSpyBean
    Ledger ledger;
    @Autowired
    CamelContext camel;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aPollWhoseTransactionFailsLeavesEveryFileInTheInboxUntilEachIsRecordedOnItsOwn() throws Exception {
        hub.drop(OFFICE, "round.json", Examples.roundJson().toString());
        hub.awaitMoved("archive", "-round.json", Duration.ofSeconds(10));
        List<Integer> batches = new CopyOnWriteArrayList<>();
        AtomicBoolean failed = new AtomicBoolean();
        List<Boolean> inboxFullWhenFailing = new CopyOnWriteArrayList<>();
        doAnswer(call -> {
            List<Submission> batch = call.getArgument(0);
            batches.add(batch.size());
            if (batch.size() > 1 && failed.compareAndSet(false, true)) {
                inboxFullWhenFailing.add(hub.files("inbox").size() == 5);
                throw new TransientDataAccessResourceException("connection reset");
            }
            return call.callRealMethod();
        }).when(ledger).commitAll(anyList());
        camel.getRouteController().stopRoute("file-inbox");
        for (int i = 1; i <= 5; i++) {
            hub.drop(ECONOMY, "week-" + i + ".json", Examples.progressJson().put("updateId", "week-" + i)
                    .put("sequence", 10 + i).toString());
        }
        Thread.sleep(500); // settled: the first poll takes all five

        camel.getRouteController().startRoute("file-inbox");

        await().atMost(Duration.ofSeconds(20)).until(() -> hub.files("archive").stream()
                .filter(p -> p.getFileName().toString().contains("-week-")).count() == 5);
        assertThat(batches).as("one transaction for the poll, then one per file").startsWith(5)
                .containsSequence(1, 1, 1, 1, 1);
        assertThat(inboxFullWhenFailing).containsExactly(true);
        assertThat(jdbc.queryForObject("select count(*) from ledger_entry where update_id like 'week-%'", Long.class))
                .isEqualTo(5);
        assertThat(jdbc.queryForObject("select count(*) from quarantine", Long.class)).isZero();
        assertThat(hub.files("error")).isEmpty();
    }
}
