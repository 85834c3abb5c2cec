package org.rectificationhub.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.RoundRegistration.Round;
import org.rectificationhub.ledger.LedgerQueries;
import org.rectificationhub.parse.ParseContext;
import org.rectificationhub.parse.ParseResult;
import org.rectificationhub.parse.RoundDraft;
import org.rectificationhub.parse.RoundMatches;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Resolves a parsed notice or ledger against the rounds the ledger holds, after parsing: a notice of an inspection
 * already registered under another id amends that round; a ledger that names its round only by title or by the
 * department's configured id takes that round's registration. A failing query is the hub's and propagates.
 */
@Component
class RoundResolver {

    private final LedgerQueries queries;

    RoundResolver(LedgerQueries queries) {
        this.queries = queries;
    }

    ParseResult resolve(RoundDraft draft, ParseContext ctx) {
        RoundMatches.Query query = draft.query(ctx);
        // One query serves both: the rounds of this team and organisation, the latest feedback first.
        List<JsonNode> sameTeam = query.byTeamAndOrg()
                ? queries.registeredRounds(query.inspectionTeam(), query.inspectedOrg()) : List.of();
        Optional<Round> sameInspection = query.byInspection() ? sameTeam.stream()
                .filter(round -> String.valueOf(query.feedbackDate()).equals(round.path("feedbackDate").asText(null)))
                .findFirst().map(RoundResolver::toRound) : Optional.empty();
        Optional<Round> derived = query.derivedId() == null ? Optional.empty()
                : queries.registeredRound(query.derivedId()).map(RoundResolver::toRound);
        Optional<Round> teamAndOrg = sameTeam.stream().findFirst().map(RoundResolver::toRound);
        Optional<Round> configured = query.configuredId() == null ? Optional.empty()
                : queries.registeredRound(query.configuredId()).map(RoundResolver::toRound);
        return draft.assemble(ctx, new RoundMatches(sameInspection, derived, teamAndOrg, configured));
    }

    private static Round toRound(JsonNode node) {
        try {
            return CanonicalJson.mapper().treeToValue(node, Round.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a registered round in the ledger is unreadable", e);
        }
    }
}
