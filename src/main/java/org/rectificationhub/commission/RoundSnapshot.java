package org.rectificationhub.commission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ledger.LedgerQueries;
import org.rectificationhub.ledger.RoundReports;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A round as the commission sees it: everything the ledger's state holds (internal and confidential fields
 * included), each problem with its measures, its exemption and the accountability actions reported on it (with the
 * people held accountable): the newest {@link #ACTIONS_PER_PROBLEM}, and, only when it had more, how many older ones
 * are not listed ({@code accountabilityOmitted}; every action stays in the ledger's entries). Read from the state, so
 * the latest snapshot of a round is the ledger itself; the reports are read a page at a time, so neither a snapshot
 * nor its reading grows with a problem's history.
 */
final class RoundSnapshot {

    private RoundSnapshot() {
    }

    /** The field of the reports that hold accountability actions: only those are read. */
    static final String FIELD = "accountability";

    /** Actions a snapshot lists per problem, the newest: a problem reported on for years stays one record. */
    static final int ACTIONS_PER_PROBLEM = 200;

    /** The round's state now: {round, problems}; empty for a round the ledger does not know. Every report read. */
    static Optional<ObjectNode> state(LedgerQueries queries, String roundId) {
        return state(queries, roundId, () -> reading(queries, Integer.MAX_VALUE).of(roundId));
    }

    /** The accountability actions of a round's reports, kept between readings up to {@code maxItems}. */
    static RoundReports reading(LedgerQueries queries, int maxItems) {
        return new RoundReports(queries, FIELD, RoundSnapshot::actions, maxItems, ACTIONS_PER_PROBLEM);
    }

    /**
     * The same, with each problem's accountability actions (oldest first) from {@code actions}, as
     * {@link #reading} keeps them.
     */
    static Optional<ObjectNode> state(LedgerQueries queries, String roundId,
                                      Supplier<Map<Integer, RoundReports.Kept>> actions) {
        Optional<JsonNode> round = queries.registeredRound(roundId);
        Optional<List<Map<String, Object>>> rows = queries.problems(roundId);
        if (round.isEmpty() || rows.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        state.set("round", round.get());
        ArrayNode problems = state.putArray("problems");
        Map<Integer, RoundReports.Kept> reported = actions.get();
        for (Map<String, Object> row : rows.get()) {
            ObjectNode problem = CanonicalJson.mapper().valueToTree(row);
            problem.put("updatedAt", String.valueOf(row.get("updatedAt")));
            RoundReports.Kept kept = reported.getOrDefault(((Number) row.get("problemNo")).intValue(), NONE);
            problem.putArray("accountability").addAll(kept.newest());
            if (kept.omitted() > 0) {
                problem.put("accountabilityOmitted", kept.omitted());
            }
            problems.add(problem);
        }
        return Optional.of(state);
    }

    private static final RoundReports.Kept NONE = new RoundReports.Kept(List.of(), 0);

    /** The accountability actions of one report, each with the entry that reported it, its department and date. */
    static List<JsonNode> actions(Map<String, Object> report) {
        JsonNode document = (JsonNode) report.get("document");
        List<JsonNode> actions = new ArrayList<>();
        for (JsonNode action : document.path(FIELD)) {
            ObjectNode item = ((ObjectNode) action).deepCopy();
            item.put("entryId", (Long) report.get("entryId"));
            item.put("department", document.path("department").asText());
            item.put("reportedOn", ((OffsetDateTime) report.get("receivedAt")).toString());
            actions.add(item);
        }
        return actions;
    }
}
