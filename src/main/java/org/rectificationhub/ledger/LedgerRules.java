package org.rectificationhub.ledger;

import org.rectificationhub.canonical.ProgressUpdate;
import org.rectificationhub.canonical.RoundRegistration;
import org.rectificationhub.canonical.Status;
import org.rectificationhub.department.Departments;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Who may write what, and which documents make sense against the current state. Reads nothing itself. */
final class LedgerRules {

    private final Departments departments;

    LedgerRules(Departments departments) {
        this.departments = departments;
    }

    /** The channel's identity decides who the sender is; a document may not claim to be someone else. */
    Decision identity(String sender, String claimed) {
        if (!departments.exists(sender)) {
            return new Decision.Reject("unknown department '" + sender + "': it is not configured in this hub");
        }
        if (!sender.equals(claimed)) {
            return new Decision.Reject("department: the document claims '" + claimed + "' but arrived from '"
                    + sender + "'; a department may only send its own documents");
        }
        return Decision.APPLY;
    }

    Decision round(RoundRegistration doc, OptionalLong registeredSequence) {
        if (!departments.isOffice(doc.department())) {
            return new Decision.Reject("kind: only the rectification office may register rounds; '"
                    + doc.department() + "' is not the office");
        }
        RoundRegistration.Period period = doc.round().period();
        if (period.from().isAfter(period.to())) {
            return new Decision.Reject("round.period: from " + period.from() + " is after to " + period.to());
        }
        Set<Integer> numbers = new HashSet<>();
        for (int i = 0; i < doc.problems().size(); i++) {
            RoundRegistration.Problem problem = doc.problems().get(i);
            if (!numbers.add(problem.problemNo())) {
                return new Decision.Reject("problems[" + i + "].problemNo: " + problem.problemNo()
                        + " appears more than once; each problem number must be unique within a round");
            }
            Set<Integer> seqs = new HashSet<>();
            for (RoundRegistration.Measure measure : problem.measures()) {
                if (!seqs.add(measure.seq())) {
                    return new Decision.Reject("problems[" + i + "].measures: seq " + measure.seq()
                            + " appears more than once in problem " + problem.problemNo());
                }
            }
        }
        if (registeredSequence.isPresent() && doc.sequence() <= registeredSequence.getAsLong()) {
            return new Decision.Stale("round " + doc.roundId() + " is already registered at sequence "
                    + registeredSequence.getAsLong() + "; sequence " + doc.sequence() + " is kept in history only");
        }
        return Decision.APPLY;
    }

    Decision progress(ProgressUpdate u, boolean roundExists, Optional<ProblemState> problem,
                      OptionalLong appliedSequence) {
        if (!roundExists) {
            return new Decision.Reject("roundId: unknown round '" + u.roundId()
                    + "'; the rectification office must register it first");
        }
        if (problem.isEmpty()) {
            return new Decision.Reject("problemNo: round '" + u.roundId() + "' has no problem " + u.problemNo());
        }
        ProblemState state = problem.get();
        boolean office = departments.isOffice(u.department());
        if (u.isExempt() && !office) {
            // an exemption from publication (art. 32) is the office's decision: a department's own would take its
            // problem off the public notice by itself; refused whole, so what it meant as withheld is not published
            return new Decision.Reject("exemption: only the rectification office may exempt a problem from"
                    + " publication; '" + u.department() + "' is a department, so this document is refused and"
                    + " nothing of it is recorded; send the report without \"exemption\" and ask the office to approve"
                    + " and record the exemption");
        }
        if (!departments.mayReportOn(u.department(), state.responsibleUnits())) {
            return new Decision.Reject("department: '" + u.department() + "' is not responsible for problem "
                    + u.problemNo() + " of round " + u.roundId() + " (responsible units: "
                    + String.join(", ", state.responsibleUnits()) + ")");
        }
        Status current = state.status();
        if (u.measureSeq() != null) {
            current = state.measures().get(u.measureSeq());
            if (current == null) {
                return new Decision.Reject("measureSeq: problem " + u.problemNo() + " of round " + u.roundId()
                        + " has no measure " + u.measureSeq() + " (measures: " + state.measures().keySet() + ")");
            }
        }
        if (appliedSequence.isPresent() && u.sequence() <= appliedSequence.getAsLong()) {
            return new Decision.Stale("sequence " + u.sequence() + " is not newer than " + appliedSequence.getAsLong()
                    + " already applied for this problem; kept in history only");
        }
        if (u.status() == Status.EXTENSION_REQUESTED && u.requestedDeadline() == null) {
            return new Decision.Reject("requestedDeadline: an extension request must name the deadline asked for");
        }
        Optional<String> refusal = StatusTransitions.refusal(current, u.status(), office);
        if (refusal.isPresent()) {
            return new Decision.Reject("status: " + refusal.get());
        }
        return problemAsAWhole(u, state, office);
    }

    /**
     * A measure's report moves its problem too (roll-up): only the office closes a problem or reopens a closed one,
     * whichever way the move comes about — a department's measure report may not undo the office's closure (销号).
     */
    private static Decision problemAsAWhole(ProgressUpdate u, ProblemState state, boolean office) {
        Status before = state.status();
        Map<Integer, Status> measures = new LinkedHashMap<>(state.measures());
        if (u.measureSeq() != null) {
            measures.put(u.measureSeq(), u.status());
        }
        Status after = u.measureSeq() == null ? u.status() : StatusRollup.of(measures.values(), before);
        if (after == before || (before != Status.CLOSED && after != Status.CLOSED)) {
            return Decision.APPLY;
        }
        return StatusTransitions.refusal(before, after, office)
                .<Decision>map(reason -> new Decision.Reject("status: problem " + u.problemNo() + " would become "
                        + after.code() + " by this report: " + reason))
                .orElse(Decision.APPLY);
    }
}
