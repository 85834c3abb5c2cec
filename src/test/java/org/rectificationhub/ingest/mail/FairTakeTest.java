package org.rectificationhub.ingest.mail;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a poll shares its mails out: in turn per department, each one's oldest first. */
class FairTakeTest {

    @Test
    void eachDepartmentAndTheStrangersTakeTurnsInTheOrderOfTheirOldestMailUpToTheLimit() {
        List<String> waiting = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            waiting.add("a" + i);
        }
        waiting.add("b1");
        waiting.add("?1");
        waiting.add("b2");

        List<String> taken = FairTake.of(waiting, m -> m.startsWith("?") ? null : m.substring(0, 1), 7);

        assertThat(taken).containsExactly("a1", "b1", "?1", "a2", "b2", "a3", "a4");
    }

    @Test
    void fewerWaitingThanTheLimitAreAllTakenInTheirOrderPerDepartment() {
        assertThat(FairTake.of(List.of("a1", "a2", "b1"), m -> m.substring(0, 1), 50))
                .containsExactly("a1", "b1", "a2");
        assertThat(FairTake.of(List.<String>of(), m -> m, 50)).isEmpty();
    }
}
