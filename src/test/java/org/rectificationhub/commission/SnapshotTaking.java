package org.rectificationhub.commission;

import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ledger.LedgerQueries;
import org.rectificationhub.ledger.RoundReports;
import org.springframework.context.ApplicationContext;

/** A round's commission snapshot taken and written as it is stored, for the benchmark (in its own package). */
public final class SnapshotTaking {

    private final LedgerQueries queries;
    private final RoundReports reading;

    public SnapshotTaking(ApplicationContext context) {
        this.queries = context.getBean(LedgerQueries.class);
        this.reading = RoundSnapshot.reading(queries, 50_000);
    }

    /** The snapshot's state read (on from the last reading of this taker) and written; its length in characters. */
    public int take(String roundId) {
        return CanonicalJson.write(RoundSnapshot.state(queries, roundId, () -> reading.of(roundId)).orElseThrow())
                .length();
    }
}
