package org.rectificationhub.ingest;

import org.junit.jupiter.api.Test;
import org.rectificationhub.Retries;
import org.springframework.transaction.CannotCreateTransactionException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Inputs taken together so that the hub's failure on one costs that one only, and a transient one costs all. */
class IsolatedIntakeTest {

    static final int RETRIES = 2;

    private final Intake intake = mock(Intake.class);
    private final Parking parking = mock(Parking.class);
    private final IsolatedIntake taking = new IsolatedIntake(intake, parking,
            Retries.of(Duration.ofMillis(1), Duration.ofMillis(4), RETRIES + 1));
    private final Input good = input("good");
    private final Input bad = input("bad");
    private final Input other = input("other");

    @Test
    void anInputTheHubKeepsFailingOnIsTriedAgainABoundedNumberOfTimesThenParkedAndTheOthersAreTaken() {
        IngestReport recorded = report("accepted");
        IngestReport parked = report(IngestOutcome.PARKED);
        when(intake.takeAll(anyList())).thenThrow(new IllegalStateException("round resolution broke"));
        when(intake.take(good)).thenReturn(recorded);
        when(intake.take(other)).thenReturn(recorded);
        when(intake.take(bad)).thenThrow(new IllegalStateException("round resolution broke"));
        when(parking.park(eq(bad), anyString())).thenReturn(parked.outcomes().get(0));

        List<IngestReport> reports = taking.takeAll(List.of(good, bad, other));

        assertThat(reports).containsExactly(recorded, parked, recorded);
        verify(intake, times(1 + RETRIES)).take(bad);
        verify(intake, times(1)).take(good);
        verify(parking).park(eq(bad), argThat(error -> error.contains("round resolution broke")));
    }

    @Test
    void anInputTheHubFailsOnOnlyForAWhileIsRecordedByARetryAndNotParked() {
        IngestReport recorded = report("accepted");
        when(intake.takeAll(anyList())).thenThrow(new IllegalStateException("a mapping being replaced"));
        when(intake.take(bad)).thenThrow(new IllegalStateException("a mapping being replaced")).thenReturn(recorded);

        assertThat(taking.takeAll(List.of(bad))).containsExactly(recorded);
        verify(intake, times(2)).take(bad);
        verify(parking, never()).park(org.mockito.ArgumentMatchers.any(), anyString());
    }

    @Test
    void aTransientFailureOnOneInputFailsThemAllAndParksNothing() {
        when(intake.takeAll(anyList())).thenThrow(new IllegalStateException("a defect on one record"));
        when(intake.take(good)).thenReturn(report("accepted"));
        when(intake.take(bad)).thenThrow(new CannotCreateTransactionException("the database is down"));

        assertThatThrownBy(() -> taking.takeAll(List.of(good, bad, other)))
                .isInstanceOf(CannotCreateTransactionException.class);
        verify(parking, never()).park(org.mockito.ArgumentMatchers.any(), anyString());
    }

    @Test
    void inputsTheIntakeTakesTogetherAreTakenTogether() {
        List<IngestReport> whole = List.of(report("accepted"), report("rejected"));
        when(intake.takeAll(List.of(good, bad))).thenReturn(whole);

        assertThat(taking.takeAll(List.of(good, bad))).isEqualTo(whole);
        verify(intake, never()).take(org.mockito.ArgumentMatchers.any());
    }

    private static IngestReport report(String status) {
        return new IngestReport(List.of(new IngestOutcome(1, "u", status, null, null, null, null, null)));
    }

    private static Input input(String text) {
        return Input.of("kafka", "economic-development", "rectification.updates.economic-development-0@" + text,
                text.getBytes(StandardCharsets.UTF_8), null, Map.of());
    }
}
