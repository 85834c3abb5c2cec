package org.rectificationhub.commission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ledger.LedgerQueries;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A round as the commission sees it: everything the ledger's state holds (internal and confidential fields
 * included), each problem with its measures, its exemption and every accountability action reported on it (with
 * the people held accountable). Read from the state, so the latest snapshot of a round is the ledger itself.
 */
final class RoundSnapshot {

    private RoundSnapshot() {
    }

    /** The round's state now: {round, problems}; empty for a round the ledger does not know. */
    static Optional<ObjectNode> state(LedgerQueries queries, String roundId) {
        Optional<JsonNode> round = queries.registeredRound(roundId);
        Optional<List<Map<String, Object>>> rows = queries.problems(roundId);
        if (round.isEmpty() || rows.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        state.set("round", round.get());
        ArrayNode problems = state.putArray("problems");
        // Only reports naming accountability, grouped once: per problem over all reports was 500 × 5,000 a snapshot.
        Map<Integer, List<Map<String, Object>>> reports = queries.roundProgressWith("accountability", roundId)
                .stream().collect(Collectors.groupingBy(r -> ((Number) r.get("problemNo")).intValue()));
        for (Map<String, Object> row : rows.get()) {
            ObjectNode problem = CanonicalJson.mapper().valueToTree(row);
            problem.put("updatedAt", String.valueOf(row.get("updatedAt")));
            problem.set("accountability", accountability(reports.getOrDefault(
                    ((Number) row.get("problemNo")).intValue(), List.of())));
            problems.add(problem);
        }
        return Optional.of(state);
    }

    /** Every accountability action reported on the problem, oldest first, each with the entry that reported it. */
    private static ArrayNode accountability(List<Map<String, Object>> reports) {
        ArrayNode actions = JsonNodeFactory.instance.arrayNode();
        for (Map<String, Object> report : reports) {
            JsonNode document = (JsonNode) report.get("document");
            for (JsonNode action : document.path("accountability")) {
                ObjectNode item = ((ObjectNode) action).deepCopy();
                item.put("entryId", (Long) report.get("entryId"));
                item.put("department", document.path("department").asText());
                item.put("reportedOn", ((OffsetDateTime) report.get("receivedAt")).toString());
                actions.add(item);
            }
        }
        return actions;
    }
}
