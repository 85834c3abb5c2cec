package org.rectificationhub.ingest;

import org.rectificationhub.Retries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The intake as every channel uses it, so that the hub's own failure on one input costs that input only. The inputs
 * go to the intake together (committed in bounded transactions); if the hub fails on them for a reason that is not
 * transient (a department's mapping that does not compile, a reader's defect, the ledger failing on a document),
 * they are taken one by one, those that still fail are tried again together with back-off ({@link Retries}, from
 * {@code hub.retry.delay}, {@code hub.retry.attempts} times), and those that fail every time are parked
 * ({@link Parking}): kept whole in quarantine as the hub's fault, never blamed on the sender, for an operator to
 * replay once mended. A transient failure (the database, a halted ledger) still fails them all, so the channel
 * acknowledges nothing before the ledger commit.
 */
@Component
public class IsolatedIntake {

    private static final Logger log = LoggerFactory.getLogger(IsolatedIntake.class);

    private final Intake intake;
    private final Parking parking;
    private final Retries retries;

    @Autowired
    IsolatedIntake(Intake intake, Parking parking, @Value("${hub.retry.attempts}") int attempts,
                   @Value("${hub.retry.delay}") long delayMs) {
        this(intake, parking, Retries.of(Duration.ofMillis(delayMs), Duration.ofMillis(delayMs << 10), attempts + 1));
    }

    IsolatedIntake(Intake intake, Parking parking, Retries retries) {
        this.intake = intake;
        this.parking = parking;
        this.retries = retries;
    }

    /** One input (a mail's part, a file taken again). */
    public IngestReport take(Input input) {
        return takeAll(List.of(input)).get(0);
    }

    /** One report per input, in order; a parked input's says "parked". */
    public List<IngestReport> takeAll(List<Input> inputs) {
        if (inputs.isEmpty()) {
            return List.of();
        }
        try {
            return intake.takeAll(inputs);
        } catch (RuntimeException failure) {
            if (FailureCause.isTransient(failure)) {
                throw failure;
            }
            log.warn("The hub failed on {} input(s) taken together ({}); taking them one by one", inputs.size(),
                    failure.toString());
        }
        IngestReport[] reports = new IngestReport[inputs.size()];
        RuntimeException[] failures = new RuntimeException[inputs.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            pending.add(i);
        }
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 0) {
                pauseAfter(attempt);
            }
            List<Integer> failed = new ArrayList<>();
            for (int i : pending) {
                try {
                    reports[i] = intake.take(inputs.get(i));
                } catch (RuntimeException failure) {
                    if (FailureCause.isTransient(failure)) {
                        throw failure;
                    }
                    failures[i] = failure;
                    failed.add(i);
                }
            }
            pending = parks(attempt + 1) ? List.of() : failed;
        }
        for (int i = 0; i < reports.length; i++) {
            if (reports[i] == null) {
                reports[i] = new IngestReport(List.of(parking.park(inputs.get(i), Retries.error(failures[i]))));
            }
        }
        return Arrays.asList(reports);
    }

    /** Whether an input the hub failed on this many times in a row is parked rather than tried again. */
    public boolean parks(int failures) {
        return retries.parks(failures);
    }

    /** Waits out the back-off after the {@code failures}-th failure in a row. */
    public void pauseAfter(int failures) {
        try {
            Thread.sleep(retries.backOff(failures).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying inputs", e);
        }
    }
}
