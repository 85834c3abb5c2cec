package org.rectificationhub.ingest;

import org.junit.jupiter.api.Test;
import org.rectificationhub.ledger.CommitResult;
import org.rectificationhub.ledger.Ledger;
import org.rectificationhub.ledger.Submission;
import org.rectificationhub.support.Examples;
import org.springframework.util.unit.DataSize;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** What a channel hands over at once goes to the ledger in transactions bounded in documents and in bytes. */
class IntakeCommitsTest {

    private final Ledger ledger = mock(Ledger.class);
    private final List<Integer> transactions = new ArrayList<>();

    IntakeCommitsTest() {
        when(ledger.commitAll(anyList())).thenAnswer(call -> {
            List<Submission> batch = call.getArgument(0);
            transactions.add(batch.size());
            return batch.stream().map(s -> new CommitResult(CommitResult.Outcome.ACCEPTED, 1L, "hash", null))
                    .toList();
        });
    }

    @Test
    void moreDocumentsThanATransactionHoldsGoInSeveralEachResultInOrder() {
        List<CommitResult> results = new IntakeCommits(ledger, 2, DataSize.ofMegabytes(4)).commit(reports(5, 10));

        assertThat(transactions).containsExactly(2, 2, 1);
        assertThat(results).hasSize(5).allMatch(CommitResult::isRecorded);
    }

    @Test
    void longReportsFillATransactionByTheirBytesAndOneLargerThanTheBoundGoesAlone() {
        // about 3 KB of canonical JSON each (1,000 characters of three UTF-8 bytes)
        new IntakeCommits(ledger, 1000, DataSize.ofKilobytes(8)).commit(reports(5, 1000));
        assertThat(transactions).containsExactly(2, 2, 1);

        transactions.clear();
        new IntakeCommits(ledger, 1000, DataSize.ofKilobytes(1)).commit(reports(3, 1000));
        assertThat(transactions).containsExactly(1, 1, 1);
    }

    @Test
    void theBoundCountsBytesAsUtf8EncodesThem() {
        assertThat(IntakeCommits.utf8Length("ab")).isEqualTo(2);
        assertThat(IntakeCommits.utf8Length("é")).isEqualTo(2);
        assertThat(IntakeCommits.utf8Length("整改")).isEqualTo(6);
        assertThat(IntakeCommits.utf8Length("𠀀")).isEqualTo(4);
    }

    private static List<Submission> reports(int count, int progressChars) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> new Submission(Examples.progress(json -> json
                .put("updateId", "long-" + i).put("progress", "改".repeat(progressChars))),
                Examples.ECONOMY, "file", "long.json")).toList();
    }
}
