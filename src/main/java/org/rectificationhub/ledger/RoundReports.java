package org.rectificationhub.ledger;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What readers make of each round's progress reports (the public site its public histories, the commission its
 * accountability actions), kept between readings and extended with only the reports committed since the last one.
 * Read whole each time, a round's reading cost grew with everything ever reported on it, and a burst of reports made
 * these readers the hub's largest consumers of CPU. Reports are never edited or removed, so what was made of them
 * stays true. Bounded by a number of items: the rounds least recently read are dropped first and read whole again
 * when next needed.
 */
public final class RoundReports {

    /** One round: each problem's items oldest first (appended to), and the last report read. */
    private static final class Known {
        final Map<Integer, List<JsonNode>> perProblem = new HashMap<>();
        long lastEntryId;
        int items;
    }

    private final LedgerQueries queries;
    private final String field;
    private final Function<Map<String, Object>, List<JsonNode>> items;
    private final int maxItems;
    private final LinkedHashMap<String, Known> rounds = new LinkedHashMap<>(16, 0.75f, true);
    private int held;

    /**
     * @param field    only reports whose document has this top-level field (null: every report)
     * @param items    what a report row (as {@link LedgerQueries#roundProgress} gives it) contributes; shared between
     *                 readings, so callers never change them
     * @param maxItems items kept over all rounds
     */
    public RoundReports(LedgerQueries queries, String field, Function<Map<String, Object>, List<JsonNode>> items,
                        int maxItems) {
        this.queries = queries;
        this.field = field;
        this.items = items;
        this.maxItems = maxItems;
    }

    /** Every problem's items in the round, oldest first: what is known plus what the reports since add. */
    public synchronized Map<Integer, List<JsonNode>> of(String roundId) {
        Known known = rounds.computeIfAbsent(roundId, id -> new Known());
        held -= known.items;
        for (Map<String, Object> report : queries.roundProgressAfter(roundId, known.lastEntryId, field)) {
            known.lastEntryId = ((Number) report.get("entryId")).longValue();
            List<JsonNode> made = items.apply(report);
            if (!made.isEmpty()) {
                known.perProblem.computeIfAbsent(((Number) report.get("problemNo")).intValue(),
                        no -> new ArrayList<>()).addAll(made);
                known.items += made.size();
            }
        }
        held += known.items;
        Map<Integer, List<JsonNode>> copy = new HashMap<>();
        known.perProblem.forEach((no, list) -> copy.put(no, List.copyOf(list)));
        evictBeyondBound();
        return copy;
    }

    /** Forgets everything: the next reading of each round is whole. */
    public synchronized void clear() {
        rounds.clear();
        held = 0;
    }

    /** Items held over all rounds. */
    public synchronized int held() {
        return held;
    }

    /** The least recently read rounds first; the one just read goes last, and only if it alone exceeds the bound. */
    private void evictBeyondBound() {
        Iterator<Known> eldestFirst = rounds.values().iterator();
        while (held > maxItems && eldestFirst.hasNext()) {
            held -= eldestFirst.next().items;
            eldestFirst.remove();
        }
    }
}
