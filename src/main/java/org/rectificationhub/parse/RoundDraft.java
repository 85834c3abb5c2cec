package org.rectificationhub.parse;

import org.rectificationhub.canonical.RoundRegistration.Problem;

import java.util.List;

/**
 * What a notice or ledger says, before its round is resolved against the rounds already registered: the round
 * facts read, the problems, and the reading errors. {@link #assemble} makes the round registration once the
 * matches are known. Pure.
 */
public record RoundDraft(String source, RoundFacts facts, List<Problem> problems, List<String> readErrors) {

    public RoundDraft {
        problems = List.copyOf(problems);
        readErrors = List.copyOf(readErrors);
    }

    /** What to look up so that this input amends a round already registered instead of starting another. */
    public RoundMatches.Query query(ParseContext ctx) {
        String derived = facts.identifiesRound()
                ? DocumentIdentity.roundId(facts.inspectionTeam(), facts.inspectedOrg(), facts.feedbackDate()) : null;
        String configured = ctx.roundId() == null || ctx.roundId().isBlank() ? null : ctx.roundId();
        return new RoundMatches.Query(facts.inspectionTeam(), facts.inspectedOrg(), facts.feedbackDate(), derived,
                configured);
    }

    public ParseResult assemble(ParseContext ctx, RoundMatches matches) {
        return RoundAssembler.assemble(this, ctx, matches);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }
}
