package org.rectificationhub.ledger;

import org.rectificationhub.canonical.ProgressUpdate;
import org.rectificationhub.canonical.RoundRegistration.Measure;
import org.rectificationhub.canonical.RoundRegistration.Problem;
import org.rectificationhub.canonical.Status;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a problem's statuses move when an entry applies: the one rule that {@link Projection} writes into the state
 * tables and that {@link RoundState} computes again when the full check replays the log.
 */
final class ProblemTransitions {

    private ProblemTransitions() {
    }

    /** A problem's status and its measures' statuses, as a registration leaves them. */
    record Registered(Status status, Map<Integer, Status> measures) {
    }

    /**
     * The statuses a registration (first or restated) leaves a problem with, from the statuses it had (null and
     * empty: a new problem): the one rule the ledger writes and the state replay checks.
     */
    static Registered registered(Problem p, Status current, Map<Integer, Status> before) {
        Map<Integer, Status> measures = new LinkedHashMap<>(before);
        for (Measure m : p.measures()) {
            measures.put(m.seq(), amended(before.get(m.seq()), m.status()));
        }
        boolean declaresStatus = p.status() != null || p.measures().stream().anyMatch(m -> m.status() != null);
        Status declared = p.status() != null ? p.status() : StatusRollup.of(measures.values(), Status.NOT_STARTED);
        Status status = current != null && !declaresStatus ? current : amended(current, declared);
        return new Registered(status, measures);
    }

    /**
     * A problem's state after a progress update on it or on one of its measures (whose statuses then roll up into
     * the problem's): the one rule the ledger writes and the state replay checks.
     */
    static ProblemState progressed(ProgressUpdate u, ProblemState before) {
        if (u.measureSeq() == null) {
            return new ProblemState(before.roundId(), before.problemNo(), before.responsibleUnits(), u.status(),
                    before.measures());
        }
        Map<Integer, Status> measures = new LinkedHashMap<>(before.measures());
        measures.put(u.measureSeq(), u.status());
        return new ProblemState(before.roundId(), before.problemNo(), before.responsibleUnits(),
                StatusRollup.of(measures.values(), before.status()), measures);
    }

    /** The progress a progress update gives its problem: a measure's progress is the measure's, not the problem's. */
    static String problemProgress(ProgressUpdate u) {
        return u.measureSeq() == null ? u.progress() : null;
    }

    /**
     * A registration may restate statuses (a later notice of the same round); it moves an item only where the
     * move makes sense, otherwise the state reported since stands.
     */
    private static Status amended(Status current, Status declared) {
        if (current == null) {
            return declared == null ? Status.NOT_STARTED : declared;
        }
        if (declared == null || StatusTransitions.refusal(current, declared, true).isPresent()) {
            return current;
        }
        return declared;
    }
}
