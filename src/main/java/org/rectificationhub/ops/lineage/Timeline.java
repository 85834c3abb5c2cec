package org.rectificationhub.ops.lineage;

import org.rectificationhub.delivery.OutboxState;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** What the lineage answers: entries traced to their channel and to every target they were delivered to. */
public final class Timeline {

    private Timeline() {
    }

    /**
     * One ledger entry, traced.
     *
     * @param outcome    accepted (applied to the current state) or stale (kept in history: a newer sequence rules)
     * @param source     where it came from, per channel
     * @param deliveries per delivery target: delivered when, or pending, or failed with the last error
     */
    public record Entry(long entryId, OffsetDateTime receivedAt, String channel, SourceReference source,
                        String department, String kind, String updateId, String roundId, Integer problemNo,
                        Integer measureSeq, long sequence, String outcome, String entryHash, String hubInstance,
                        List<OutboxState.Delivery> deliveries) {
    }

    /**
     * A problem's timeline: its round's registrations and its progress reports from every channel, in commit order.
     *
     * @param total       entries there are; {@code entries} holds the latest {@code limit} of them
     * @param quarantined rejected documents carrying one of the timeline's updateIds (as /api/quarantine lists
     *                    them), the newest first
     */
    public record Problem(String roundId, int problemNo, String title, String status, long total, int limit,
                          List<Entry> entries, List<Map<String, Object>> quarantined) {
    }

    /**
     * A search's answer, the newest first.
     *
     * @param truncated more entries match than {@code limit}
     */
    public record Search(Query query, int limit, boolean truncated, List<Entry> entries,
                         List<Map<String, Object>> quarantined) {
    }

    /** What is searched for; each given criterion must hold. */
    public record Query(String round, Integer problem, String department, String updateId) {
    }
}
