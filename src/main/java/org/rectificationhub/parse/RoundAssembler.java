package org.rectificationhub.parse;

import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.RoundRegistration;
import org.rectificationhub.canonical.RoundRegistration.Round;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes one round registration from what an input says (its round facts and problems), what the channel knows
 * (sender, configured round) and the registered rounds it matches. A round it cannot name is an error, but the
 * document is still built, under roundId "unknown", so the parse command can show what was read.
 */
final class RoundAssembler {

    static final String UNKNOWN_ROUND = "unknown";

    private RoundAssembler() {
    }

    static ParseResult assemble(RoundDraft draft, ParseContext ctx, RoundMatches matches) {
        RoundFacts facts = draft.facts();
        List<String> errors = new ArrayList<>(draft.readErrors());
        if (draft.problems().isEmpty()) {
            errors.add("no problems found: expected numbered problems (1. …) under category headings （一）… in a"
                    + " notice, or rows under a header row with 问题描述 in a ledger");
        }
        if (ctx.department() == null || ctx.department().isBlank()) {
            errors.add("the sending department is unknown");
        }
        Round round = round(facts, ctx, matches, errors);
        OffsetDateTime reportedAt = facts.publication() != null && facts.publication().issuedOn() != null
                ? DocumentIdentity.startOf(facts.publication().issuedOn())
                : OffsetDateTime.now(ctx.clock()).withOffsetSameInstant(DocumentIdentity.CHINA).withNano(0);
        String content = CanonicalJson.write(round) + CanonicalJson.write(draft.problems()) + ctx.department();
        RoundRegistration doc = new RoundRegistration(CanonicalDocument.SCHEMA_VERSION, RoundRegistration.KIND,
                DocumentIdentity.updateId(draft.source(), content), ctx.department(),
                DocumentIdentity.sequence(reportedAt), reportedAt, round, draft.problems());
        return new ParseResult(List.of(doc), errors);
    }

    private static Round round(RoundFacts facts, ParseContext ctx, RoundMatches matches, List<String> errors) {
        if (facts.identifiesRound() && facts.period() != null) {
            // A round the office registered by hand under its own id is the same round: the notice amends it.
            String id = matches.sameInspection().map(Round::roundId).orElseGet(() -> DocumentIdentity.roundId(
                    facts.inspectionTeam(), facts.inspectedOrg(), facts.feedbackDate()));
            return new Round(id, facts.inspectionTeam(), facts.inspectedOrg(), facts.inspectedUnits(),
                    facts.period(), facts.feedbackDate(), facts.declaredTotals(), facts.publication(), facts.narrative());
        }
        Optional<Round> known = facts.identifiesRound() ? matches.derivedId() : Optional.empty();
        if (known.isEmpty() && facts.inspectionTeam() != null && facts.inspectedOrg() != null) {
            known = matches.teamAndOrg();
        }
        if (known.isEmpty() && ctx.roundId() != null && !ctx.roundId().isBlank()) {
            known = matches.configured();
            if (known.isEmpty()) {
                errors.add("round '" + ctx.roundId() + "' has no registration at hand (the hub has none, or the parse"
                        + " command runs offline) and the input does not state its " + String.join(", ", facts.missing())
                        + "; register the round first by sending its notice, or add a title row naming the inspection");
            }
        } else if (known.isEmpty()) {
            errors.add("the round is unknown: the input does not state its " + String.join(", ", facts.missing())
                    + "; name the round (parse --round ROUND_ID, or the department's configured round) or add a"
                    + " title row naming the inspection");
        }
        if (known.isPresent()) {
            Round r = known.get();
            // A ledger amends the catalogue; the round's own registration (publication, narrative) stays as it is.
            return new Round(r.roundId(), r.inspectionTeam(), r.inspectedOrg(), r.inspectedUnits(), r.period(),
                    r.feedbackDate(), facts.declaredTotals() != null ? facts.declaredTotals() : r.declaredTotals(),
                    r.publication(), r.narrative());
        }
        String id = ctx.roundId() != null && !ctx.roundId().isBlank() ? ctx.roundId() : UNKNOWN_ROUND;
        return new Round(id, facts.inspectionTeam(), facts.inspectedOrg(), facts.inspectedUnits(), facts.period(),
                facts.feedbackDate(), facts.declaredTotals(), facts.publication(), facts.narrative());
    }
}
