package org.rectificationhub.ingest;

import java.util.List;

/** The outcomes of every document of one input, in input order. */
public record IngestReport(List<IngestOutcome> outcomes) {

    public IngestReport {
        outcomes = List.copyOf(outcomes);
    }

    public boolean allRecorded() {
        return outcomes.stream().noneMatch(IngestOutcome::isRejected);
    }

    public long rejected() {
        return outcomes.stream().filter(IngestOutcome::isRejected).count();
    }
}
