package org.rectificationhub.commission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ledger.LedgerQueries;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A round as the commission sees it: everything the ledger's state holds (internal and confidential fields
 * included), each problem with its measures, its exemption and every accountability action reported on it (with
 * the people held accountable). Read from the state, so the latest snapshot of a round is the ledger itself.
 */
final class RoundSnapshot {

    private RoundSnapshot() {
    }

    /** The round's state now: {round, problems}; empty for a round the ledger does not know. Every report read. */
    static Optional<ObjectNode> state(LedgerQueries queries, String roundId) {
        return state(queries, roundId, () -> actionsPerProblem(queries.roundProgressWith(FIELD, roundId)));
    }

    /**
     * The same, with each problem's accountability actions (oldest first) from {@code actions}, as a
     * {@link org.rectificationhub.ledger.RoundReports} over {@link #FIELD} with {@link #actions} keeps them.
     */
    static Optional<ObjectNode> state(LedgerQueries queries, String roundId,
                                      Supplier<Map<Integer, List<JsonNode>>> actions) {
        Optional<JsonNode> round = queries.registeredRound(roundId);
        Optional<List<Map<String, Object>>> rows = queries.problems(roundId);
        if (round.isEmpty() || rows.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        state.set("round", round.get());
        ArrayNode problems = state.putArray("problems");
        Map<Integer, List<JsonNode>> reported = actions.get();
        for (Map<String, Object> row : rows.get()) {
            ObjectNode problem = CanonicalJson.mapper().valueToTree(row);
            problem.put("updatedAt", String.valueOf(row.get("updatedAt")));
            problem.putArray("accountability").addAll(reported.getOrDefault(
                    ((Number) row.get("problemNo")).intValue(), List.of()));
            problems.add(problem);
        }
        return Optional.of(state);
    }

    /** The field of the reports that hold accountability actions: only those are read. */
    static final String FIELD = "accountability";

    private static Map<Integer, List<JsonNode>> actionsPerProblem(List<Map<String, Object>> reports) {
        Map<Integer, List<JsonNode>> actions = new HashMap<>();
        for (Map<String, Object> report : reports) {
            actions.computeIfAbsent(((Number) report.get("problemNo")).intValue(), no -> new ArrayList<>())
                    .addAll(actions(report));
        }
        return actions;
    }

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
