package org.rectificationhub.ingest.mail;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A poll's share for each sender: the waiting mails grouped by whose they are (a department, or no one's), then
 * taken one from each group in turn, each group's oldest first, up to the poll's limit. One department's backlog of
 * a thousand mails then delays another department's mail by at most one poll, not by the thousand.
 */
final class FairTake {

    private FairTake() {
    }

    /** From {@code waiting} (oldest first), at most {@code limit}, in turn per {@code owner} (null: no one's). */
    static <T> List<T> of(List<T> waiting, Function<T, String> owner, int limit) {
        Map<String, Deque<T>> groups = new LinkedHashMap<>(); // in the order of each group's oldest mail
        for (T mail : waiting) {
            String key = owner.apply(mail);
            groups.computeIfAbsent(key == null ? "" : key, k -> new ArrayDeque<>()).add(mail);
        }
        List<T> taken = new ArrayList<>(Math.min(limit, waiting.size()));
        while (taken.size() < limit && !groups.isEmpty()) {
            for (Iterator<Deque<T>> turn = groups.values().iterator(); turn.hasNext() && taken.size() < limit; ) {
                Deque<T> group = turn.next();
                taken.add(group.poll());
                if (group.isEmpty()) {
                    turn.remove();
                }
            }
        }
        return taken;
    }
}
