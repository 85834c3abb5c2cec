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
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A round as the public may see it, read from the ledger's current state (not from the entries that announced a
 * change) and passed through the {@link DisclosurePolicy}: the round object, its non-exempt problems, and each
 * problem's public history, newest first.
 *
 * @param round    the public fields of the round document: {round: {...}, problems: [...]}
 * @param history  per problem number: dated public entries {date, measureSeq, status, progress}; empty as the site
 *                 reads it (it reads each problem's history a page at a time: ProblemHistories)
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

    /** The round with every report read from the ledger, held whole: the reference the site's pages must equal. */
    static Optional<PublicRound> read(LedgerQueries queries, String roundId) {
        return read(queries, roundId, () -> histories(queries.roundProgress(roundId)));
    }

    /**
     * The round from the ledger's current state, its problems' public histories from {@code histories} (newest first
     * per problem, every problem of the round, exempt ones too: they are left out here), read only once the round
     * is known to exist.
     */
    static Optional<PublicRound> read(LedgerQueries queries, String roundId,
                                      Supplier<Map<Integer, List<JsonNode>>> histories) {
        Optional<JsonNode> registered = queries.registeredRound(roundId);
        Optional<List<Map<String, Object>>> rows = queries.problems(roundId);
        if (registered.isEmpty() || rows.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.set("round", registered.get());
        ArrayNode problems = document.putArray("problems");
        Map<Integer, List<JsonNode>> history = new LinkedHashMap<>();
        Map<Integer, List<JsonNode>> reports = histories.get();
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
            history.put(no, reports.getOrDefault(no, List.of()));
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

    /** Progress entries as the ledger lists them (oldest first) as public histories per problem, newest first. */
    static Map<Integer, List<JsonNode>> histories(List<Map<String, Object>> entries) {
        Map<Integer, List<JsonNode>> oldestFirst = new HashMap<>();
        for (Map<String, Object> entry : entries) {
            List<JsonNode> item = historyItem(entry);
            if (!item.isEmpty()) {
                oldestFirst.computeIfAbsent(((Number) entry.get("problemNo")).intValue(), no -> new ArrayList<>())
                        .addAll(item);
            }
        }
        return newestFirst(oldestFirst);
    }

    static Map<Integer, List<JsonNode>> newestFirst(Map<Integer, List<JsonNode>> oldestFirst) {
        Map<Integer, List<JsonNode>> newestFirst = new HashMap<>();
        oldestFirst.forEach((no, items) -> {
            List<JsonNode> reversed = new ArrayList<>(items);
            Collections.reverse(reversed);
            newestFirst.put(no, reversed);
        });
        return newestFirst;
    }

    /** A progress entry as the public may see it: its date and its public fields; none if it is exempt. */
    static List<JsonNode> historyItem(Map<String, Object> entry) {
        return DisclosurePolicy.publish("progress", (JsonNode) entry.get("document")).<List<JsonNode>>map(shown -> {
            ObjectNode item = JsonNodeFactory.instance.objectNode();
            LocalDate date = ((OffsetDateTime) entry.get("receivedAt")).atZoneSameInstant(ZONE).toLocalDate();
            item.put("date", date.toString());
            item.setAll((ObjectNode) shown);
            return List.of(item);
        }).orElse(List.of());
    }
}
