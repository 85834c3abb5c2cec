package org.rectificationhub.ingest.kafka;

import org.rectificationhub.ingest.FailureCause;
import org.rectificationhub.ingest.IngestReport;
import org.rectificationhub.ingest.Input;
import org.rectificationhub.ingest.Intake;
import org.rectificationhub.ingest.Parking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Takes a batch's records so that the hub's own failure on one record costs that record only. The batch goes to
 * the intake whole (committed in bounded transactions); if the hub fails on it for a reason that is not transient
 * (a defect met while reading one record, e.g. in round resolution), the records are taken one by one, those that still fail
 * are tried again together with back-off a bounded number of times, and those that fail every time are parked:
 * kept in quarantine as the hub's fault, for an operator to replay once mended. A transient failure (the database)
 * still fails the whole batch, so nothing is acknowledged before the ledger commit.
 */
@Component
class RecordTaking {

    private static final Logger log = LoggerFactory.getLogger(RecordTaking.class);

    private final Intake intake;
    private final Parking parking;
    private final int retries;
    private final long delayMs;

    RecordTaking(Intake intake, Parking parking, @Value("${hub.retry.attempts}") int retries,
                 @Value("${hub.retry.delay}") long delayMs) {
        this.intake = intake;
        this.parking = parking;
        this.retries = retries;
        this.delayMs = delayMs;
    }

    /** One report per record, in order; a parked record's says "parked". */
    List<IngestReport> takeAll(List<Input> inputs) {
        try {
            return intake.takeAll(inputs);
        } catch (RuntimeException failure) {
            if (FailureCause.isTransient(failure)) {
                throw failure;
            }
            log.warn("The hub failed on a batch of {} record(s) ({}); taking them one by one", inputs.size(),
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
                pause(delayMs << Math.min(attempt - 1, 10));
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
            pending = attempt < retries ? failed : List.of();
        }
        for (int i = 0; i < reports.length; i++) {
            if (reports[i] == null) {
                reports[i] = new IngestReport(List.of(parking.park(inputs.get(i), failures[i].toString())));
            }
        }
        return Arrays.asList(reports);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying records", e);
        }
    }
}
