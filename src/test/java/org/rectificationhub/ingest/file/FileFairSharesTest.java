package org.rectificationhub.ingest.file;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.rectificationhub.ledger.Ledger;
import org.rectificationhub.ledger.Submission;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
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
 * Each department gets its turn on the file channel: one department's backlog is taken a share per poll, and another
 * department's file goes in the first poll that finds it, the smaller of the two first.
 */
@SpringBootTest
class FileFairSharesTest {

    static final HubFolders hub = HubFolders.create();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
        // A share of one file a department a poll; each backlog file (about 8 KB) larger than a transaction, so taken
        // on its own, the other department's (about 0.5 KB) not.
        registry.add("hub.file.share-files", () -> "1");
        registry.add("hub.limits.max-transaction-bytes", () -> "1KB");
    }

    @MockitoSpyBean
    Ledger ledger;
    @MockitoSpyBean
    InboxGate gate;
    @Autowired
    CamelContext camel;

    /** A transaction of the file channel: the poll it was taken in, its sender, and whether urban.json had moved. */
    record Commit(int poll, String sender, boolean urbanMoved) {
    }

    @Test
    void aBacklogOfOneDepartmentIsTakenAShareAPollAndAnothersFileGoesInTheFirstPoll() throws Exception {
        hub.drop(OFFICE, "round.json", Examples.roundJson().toString());
        hub.awaitMoved("archive", "-round.json", Duration.ofSeconds(10));
        camel.getRouteController().stopRoute("file-inbox");
        AtomicInteger polls = new AtomicInteger();
        List<Commit> commits = new CopyOnWriteArrayList<>();
        doAnswer(call -> {
            polls.incrementAndGet();
            return call.callRealMethod();
        }).when(gate).newPoll();
        doAnswer(call -> {
            List<Submission> batch = call.getArgument(0);
            boolean urbanMoved = !Files.exists(hub.inbox(URBAN).resolve("urban.json"));
            commits.add(new Commit(polls.get(), batch.get(0).sender(), urbanMoved));
            return call.callRealMethod();
        }).when(ledger).commitAll(anyList());
        // The backlog was there first: without shares the poll would take it all, oldest first, and the other
        // department's file last.
        Instant earlier = Instant.now().minusSeconds(60);
        for (int i = 1; i <= 6; i++) {
            Files.setLastModifiedTime(hub.drop(ECONOMY, "backlog-" + i + ".json", Examples.progressJson()
                    .put("updateId", "backlog-" + i).put("sequence", 10 + i)
                    .put("progress", "对照问题清单逐项整改销号，".repeat(200)).toString()),
                    FileTime.from(earlier.plusSeconds(i)));
        }
        hub.drop(URBAN, "urban.json", Examples.progressJson(1).toString());
        Thread.sleep(400); // settled
        polls.set(0);

        camel.getRouteController().startRoute("file-inbox");

        await().atMost(Duration.ofSeconds(30)).until(() -> hub.files("archive").size() == 8);
        assertThat(commits).hasSize(7);
        assertThat(commits.subList(0, 2)).as("the first poll: the other department's file (the smaller), recorded and"
                + " moved before the backlog's oldest is begun").containsExactly(new Commit(1, URBAN, false),
                new Commit(1, ECONOMY, true));
        assertThat(commits.subList(2, 7)).as("the rest of the backlog, a file a poll")
                .extracting(Commit::poll).containsExactly(2, 3, 4, 5, 6);
        assertThat(hub.files("error")).isEmpty();
    }
}
