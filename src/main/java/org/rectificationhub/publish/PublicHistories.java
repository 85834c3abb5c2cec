package org.rectificationhub.publish;

import com.fasterxml.jackson.databind.JsonNode;
import org.rectificationhub.ledger.LedgerQueries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rounds' public histories, kept between site regenerations and extended with only the reports committed since
 * the last one. Read whole each time, a round's regeneration cost grew with everything ever reported on it, and a
 * burst of reports made the site the hub's largest consumer of CPU. Reports are never edited or removed, so what was
 * read stays true. Bounded by a number of reports: the rounds least recently regenerated are dropped first and read
 * whole again when next needed. Not thread-safe: its one user, the site generator, writes one round at a time.
 */
final class PublicHistories {

    /** One round: each problem's public entries oldest first (appended to), and the last report read. */
    private static final class Known {
        final Map<Integer, List<JsonNode>> perProblem = new HashMap<>();
        long lastEntryId;
        int entries;
    }

    private final LedgerQueries queries;
    private final int maxEntries;
    private final LinkedHashMap<String, Known> rounds = new LinkedHashMap<>(16, 0.75f, true);
    private int held;

    PublicHistories(LedgerQueries queries, int maxEntries) {
        this.queries = queries;
        this.maxEntries = maxEntries;
    }

    /** Every problem's public history in the round, newest first: what is known plus the reports since. */
    Map<Integer, List<JsonNode>> of(String roundId) {
        Known known = rounds.get(roundId);
        if (known == null) {
            known = new Known();
            rounds.put(roundId, known);
        }
        held -= known.entries;
        for (Map<String, Object> entry : queries.roundProgressAfter(roundId, known.lastEntryId)) {
            known.lastEntryId = ((Number) entry.get("entryId")).longValue();
            Known into = known;
            PublicRound.historyItem(entry).ifPresent(item -> {
                into.perProblem.computeIfAbsent(PublicRound.problemNo(entry), no -> new ArrayList<>()).add(item);
                into.entries++;
            });
        }
        held += known.entries;
        Map<Integer, List<JsonNode>> newestFirst = new HashMap<>();
        known.perProblem.forEach((no, entries) -> newestFirst.put(no, reversed(entries)));
        evictBeyondBound();
        return newestFirst;
    }

    /** Forgets everything: the next reading of each round is whole. */
    void clear() {
        rounds.clear();
        held = 0;
    }

    /** Reports held, for tests and the bound. */
    int held() {
        return held;
    }

    /** The least recently read rounds first; the one just read goes last, and only if it alone exceeds the bound. */
    private void evictBeyondBound() {
        Iterator<Known> eldestFirst = rounds.values().iterator();
        while (held > maxEntries && eldestFirst.hasNext()) {
            held -= eldestFirst.next().entries;
            eldestFirst.remove();
        }
    }

    private static List<JsonNode> reversed(List<JsonNode> oldestFirst) {
        List<JsonNode> copy = new ArrayList<>(oldestFirst.size());
        for (int i = oldestFirst.size() - 1; i >= 0; i--) {
            copy.add(oldestFirst.get(i));
        }
        return copy;
    }
}
