package org.rectificationhub.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ledger.LedgerQueries;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A round as the public may see it, read from the ledger's current state (not from the entries that announced a
 * change) and passed through the {@link DisclosurePolicy}: the round object, its non-exempt problems, and each
 * problem's public history, newest first.
 *
 * @param round    the public fields of the round document: {round: {...}, problems: [...]}
 * @param history  per problem number: dated public entries {date, measureSeq, status, progress}
 * @param updated  the latest change of the round or any published problem
 */
record PublicRound(String roundId, JsonNode round, Map<Integer, List<JsonNode>> history, OffsetDateTime updated) {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    JsonNode facts() {
        return round.path("round");
    }

    List<JsonNode> problems() {
        List<JsonNode> problems = new ArrayList<>();
        round.path("problems").forEach(problems::add);
        return problems;
    }

    static Optional<PublicRound> read(LedgerQueries queries, String roundId) {
        Optional<JsonNode> registered = queries.registeredRound(roundId);
        Optional<List<Map<String, Object>>> rows = queries.problems(roundId);
        if (registered.isEmpty() || rows.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.set("round", registered.get());
        ArrayNode problems = document.putArray("problems");
        Map<Integer, List<JsonNode>> history = new LinkedHashMap<>();
        Map<Integer, List<Map<String, Object>>> reports = reportsPerProblem(queries, roundId);
        OffsetDateTime updated = null;
        for (Map<String, Object> row : rows.get()) {
            ObjectNode problem = CanonicalJson.mapper().valueToTree(row);
            problem.remove(List.of("detail", "entries", "updatedAt", "exemption"));
            if (row.get("exemption") != null) {
                problem.put("exemption", String.valueOf(row.get("exemption")));
            }
            if (DisclosurePolicy.isExempt(problem)) {
                continue; // withheld whole: not its title, not its history, not in the totals
            }
            problem.setAll(detail((JsonNode) row.get("detail")));
            problems.add(problem);
            int no = ((Number) row.get("problemNo")).intValue();
            history.put(no, history(reports.getOrDefault(no, List.of())));
            OffsetDateTime at = (OffsetDateTime) row.get("updatedAt");
            updated = updated == null || at != null && at.isAfter(updated) ? at : updated;
        }
        return Optional.of(of(roundId, document, history, updated));
    }

    /**
     * The public view of a round document {round: {...}, problems: [...]}, however it was come by (the ledger's
     * state, or a registration as the parser makes it): problems under an exemption are withheld whole, the rest
     * keeps only its public fields.
     */
    static PublicRound of(String roundId, JsonNode document, Map<Integer, List<JsonNode>> history,
                          OffsetDateTime updated) {
        ObjectNode shown = document.deepCopy();
        ArrayNode problems = shown.putArray("problems");
        document.path("problems").forEach(p -> {
            if (!DisclosurePolicy.isExempt(p)) {
                problems.add(p);
            }
        });
        return new PublicRound(roundId, DisclosurePolicy.publish("round", shown).orElseThrow(), history, updated);
    }

    /** Evidence and notes as registered: internal, handed to the policy like every other field so it drops them. */
    private static ObjectNode detail(JsonNode detail) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (detail != null && detail.isObject()) {
            detail.fields().forEachRemaining(f -> out.set(f.getKey(), f.getValue()));
        }
        return out;
    }

    /** The round's reports in one query (not one per problem: a round has hundreds), newest first per problem. */
    private static Map<Integer, List<Map<String, Object>>> reportsPerProblem(LedgerQueries queries, String roundId) {
        Map<Integer, List<Map<String, Object>>> reports = new java.util.HashMap<>();
        for (Map<String, Object> entry : queries.roundProgress(roundId)) {
            reports.computeIfAbsent(((Number) entry.get("problemNo")).intValue(), no -> new ArrayList<>()).add(entry);
        }
        reports.values().forEach(java.util.Collections::reverse);
        return reports;
    }

    private static List<JsonNode> history(List<Map<String, Object>> reports) {
        List<JsonNode> entries = new ArrayList<>();
        for (Map<String, Object> entry : reports) {
            Optional<JsonNode> shown = DisclosurePolicy.publish("progress", (JsonNode) entry.get("document"));
            if (shown.isEmpty()) {
                continue;
            }
            ObjectNode item = JsonNodeFactory.instance.objectNode();
            LocalDate date = ((OffsetDateTime) entry.get("receivedAt")).atZoneSameInstant(ZONE).toLocalDate();
            item.put("date", date.toString());
            item.setAll((ObjectNode) shown.get());
            entries.add(item);
        }
        return entries;
    }
}
