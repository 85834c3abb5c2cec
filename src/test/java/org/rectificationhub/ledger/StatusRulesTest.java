package org.rectificationhub.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rectificationhub.canonical.Status;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rectificationhub.canonical.Status.BASICALLY_COMPLETED;
import static org.rectificationhub.canonical.Status.CLOSED;
import static org.rectificationhub.canonical.Status.COMPLETED;
import static org.rectificationhub.canonical.Status.EXTENSION_REQUESTED;
import static org.rectificationhub.canonical.Status.IN_PROGRESS;
import static org.rectificationhub.canonical.Status.NOT_STARTED;
import static org.rectificationhub.canonical.Status.ONGOING;

class StatusRulesTest {

    @ParameterizedTest
    @EnumSource(value = Status.class, names = "NOT_STARTED", mode = EnumSource.Mode.EXCLUDE)
    void nothingGoesBackToNotStarted(Status from) {
        assertThat(StatusTransitions.refusal(from, NOT_STARTED, true)).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Status.class)
    void reportingTheSameStatusAgainIsAlwaysAllowed(Status status) {
        assertThat(StatusTransitions.refusal(status, status, false)).isEmpty();
    }

    @Test
    void aClosedItemReopensOnlyByTheOfficeAndOnlyToInProgress() {
        assertThat(StatusTransitions.refusal(CLOSED, IN_PROGRESS, true)).isEmpty();
        assertThat(StatusTransitions.refusal(CLOSED, IN_PROGRESS, false)).isPresent();
        assertThat(StatusTransitions.refusal(CLOSED, COMPLETED, true)).isPresent();
    }

    @Test
    void closingNeedsFinishedWorkAndTheOffice() {
        assertThat(StatusTransitions.refusal(COMPLETED, CLOSED, true)).isEmpty();
        assertThat(StatusTransitions.refusal(ONGOING, CLOSED, true)).isEmpty();
        assertThat(StatusTransitions.refusal(IN_PROGRESS, CLOSED, true)).get().asString().contains("must be completed");
        assertThat(StatusTransitions.refusal(COMPLETED, CLOSED, false)).get().asString().contains("office");
    }

    @Test
    void ordinaryProgressMovesFreely() {
        assertThat(StatusTransitions.refusal(NOT_STARTED, IN_PROGRESS, false)).isEmpty();
        assertThat(StatusTransitions.refusal(IN_PROGRESS, EXTENSION_REQUESTED, false)).isEmpty();
        assertThat(StatusTransitions.refusal(COMPLETED, IN_PROGRESS, false)).isEmpty();
    }

    @Test
    void aProblemIsAsFarAlongAsItsLeastAdvancedMeasure() {
        assertThat(StatusRollup.of(List.of(COMPLETED, CLOSED), NOT_STARTED)).isEqualTo(COMPLETED);
        assertThat(StatusRollup.of(List.of(CLOSED, CLOSED), NOT_STARTED)).isEqualTo(CLOSED);
        assertThat(StatusRollup.of(List.of(COMPLETED, BASICALLY_COMPLETED), NOT_STARTED)).isEqualTo(BASICALLY_COMPLETED);
        assertThat(StatusRollup.of(List.of(COMPLETED, ONGOING), NOT_STARTED)).isEqualTo(ONGOING);
        assertThat(StatusRollup.of(List.of(COMPLETED, IN_PROGRESS), NOT_STARTED)).isEqualTo(IN_PROGRESS);
        assertThat(StatusRollup.of(List.of(NOT_STARTED, COMPLETED), NOT_STARTED)).isEqualTo(IN_PROGRESS);
        assertThat(StatusRollup.of(List.of(NOT_STARTED, NOT_STARTED), IN_PROGRESS)).isEqualTo(NOT_STARTED);
        assertThat(StatusRollup.of(List.of(EXTENSION_REQUESTED, COMPLETED), NOT_STARTED)).isEqualTo(EXTENSION_REQUESTED);
        assertThat(StatusRollup.of(List.of(), ONGOING)).isEqualTo(ONGOING);
    }
}
