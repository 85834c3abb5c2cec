package org.rectificationhub.ledger;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a reader makes of each round's progress reports (the commission its accountability actions), kept between
 * readings and extended with only the reports committed since the last one, read a page at a time. Read whole each
 * time, a round's reading cost grew with everything ever reported on it. Reports are never edited or removed, so what
 * was made of them stays true. Bounded twice: each problem keeps its newest {@code perProblem} items and counts the
 * older ones it let go, and over all rounds at most {@code maxItems} are kept (the rounds least recently read are
 * dropped first and read whole again when next needed).
 */
public final class RoundReports {

    /**
     * A problem's items as kept.
     *
     * @param newest  its newest items, oldest first
     * @param omitted how many older items it had beyond them
     */
    public record Kept(List<JsonNode> newest, long omitted) {
    }

    /** One problem: its newest items and how many older ones were let go. */
    private static final class Problem {
        final ArrayDeque<JsonNode> newest = new ArrayDeque<>();
        long omitted;
    }

    /** One round: its problems, and the last report read. */
    private static final class Known {
        final Map<Integer, Problem> perProblem = new HashMap<>();
        long lastEntryId;
        int items;
    }

    private final LedgerQueries queries;
    private final String field;
    private final Function<Map<String, Object>, List<JsonNode>> items;
    private final int maxItems;
    private final int perProblem;
    private final LinkedHashMap<String, Known> rounds = new LinkedHashMap<>(16, 0.75f, true);
    private int held;

    /**
     * @param field      only reports whose document has this top-level field (null: every report)
     * @param items      what a report row (as {@link LedgerQueries#roundProgressAfter} gives it) contributes; shared
     *                   between readings, so callers never change them
     * @param maxItems   items kept over all rounds
     * @param perProblem items kept per problem, the newest
     */
    public RoundReports(LedgerQueries queries, String field, Function<Map<String, Object>, List<JsonNode>> items,
                        int maxItems, int perProblem) {
        this.queries = queries;
        this.field = field;
        this.items = items;
        this.maxItems = maxItems;
        this.perProblem = perProblem;
    }

    /** Every problem of the round that has items: what is known plus what the reports since add. */
    public synchronized Map<Integer, Kept> of(String roundId) {
        Known known = rounds.computeIfAbsent(roundId, id -> new Known());
        held -= known.items;
        queries.roundProgressAfter(roundId, known.lastEntryId, field, report -> {
            known.lastEntryId = ((Number) report.get("entryId")).longValue();
            List<JsonNode> made = items.apply(report);
            if (!made.isEmpty()) {
                Problem problem = known.perProblem.computeIfAbsent(((Number) report.get("problemNo")).intValue(),
                        no -> new Problem());
                for (JsonNode item : made) {
                    problem.newest.addLast(item);
                    known.items++;
                    if (problem.newest.size() > perProblem) {
                        problem.newest.removeFirst();
                        problem.omitted++;
                        known.items--;
                    }
                }
            }
        });
        held += known.items;
        Map<Integer, Kept> copy = new HashMap<>();
        known.perProblem.forEach((no, problem) -> copy.put(no, new Kept(List.copyOf(problem.newest), problem.omitted)));
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
