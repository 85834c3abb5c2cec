package org.rectificationhub.ops.lineage;

import org.rectificationhub.delivery.OutboxState;
import org.rectificationhub.ledger.LedgerTrail;
import org.rectificationhub.ledger.Quarantine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where each report came from and where it went: ledger entries traced back to their channel's source (topic,
 * partition and offset; Message-ID and part; file name; the input's SHA-256) and forward to every delivery
 * target, with the rejected documents that share their updateIds. Read-only, every answer bounded.
 */
@Service
public class Lineage {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_TIMELINE_LIMIT = 1000;
    public static final int MAX_TIMELINE_LIMIT = 5000;

    private final LedgerTrail trail;
    private final Quarantine quarantine;
    private final OutboxState outbox;

    Lineage(LedgerTrail trail, Quarantine quarantine, JdbcTemplate jdbc) {
        this.trail = trail;
        this.quarantine = quarantine;
        this.outbox = new OutboxState(jdbc);
    }

    /** Entries matching the query, the newest first; rejected documents by the updateIds found or asked for. */
    public Timeline.Search search(Timeline.Query query, int limit) {
        int bounded = bound(limit, MAX_LIMIT);
        List<LedgerTrail.TracedEntry> found = trail.search(new LedgerTrail.Criteria(blank(query.round()),
                query.problem(), blank(query.department()), blank(query.updateId())), bounded + 1);
        boolean truncated = found.size() > bounded;
        List<LedgerTrail.TracedEntry> shown = truncated ? found.subList(0, bounded) : found;
        Set<String> updateIds = new LinkedHashSet<>();
        if (blank(query.updateId()) != null) {
            updateIds.add(query.updateId().strip());
        }
        shown.forEach(e -> updateIds.add(e.updateId()));
        return new Timeline.Search(query, bounded, truncated, traced(shown),
                quarantine.ofUpdateIds(updateIds, blank(query.department()), bounded));
    }

    /** The problem's timeline, or empty when the ledger knows neither the problem nor an entry about it. */
    public Optional<Timeline.Problem> problem(String roundId, int problemNo, int limit) {
        int bounded = bound(limit, MAX_TIMELINE_LIMIT);
        Optional<LedgerTrail.ProblemHeading> heading = trail.problem(roundId, problemNo);
        List<LedgerTrail.TracedEntry> entries = trail.ofProblem(roundId, problemNo, bounded);
        if (heading.isEmpty() && entries.stream().noneMatch(e -> e.problemNo() != null)) {
            return Optional.empty();
        }
        Set<String> updateIds = new LinkedHashSet<>();
        entries.stream().filter(e -> e.problemNo() != null).forEach(e -> updateIds.add(e.updateId()));
        return Optional.of(new Timeline.Problem(roundId, problemNo, heading.map(LedgerTrail.ProblemHeading::title)
                .orElse(null), heading.map(LedgerTrail.ProblemHeading::status).orElse(null),
                trail.countOfProblem(roundId, problemNo), bounded, traced(entries),
                quarantine.ofUpdateIds(updateIds, null, MAX_LIMIT)));
    }

    private List<Timeline.Entry> traced(List<LedgerTrail.TracedEntry> entries) {
        Map<Long, List<OutboxState.Delivery>> deliveries = outbox.ofEntries(
                entries.stream().map(LedgerTrail.TracedEntry::entryId).toList());
        List<Timeline.Entry> traced = new ArrayList<>(entries.size());
        for (LedgerTrail.TracedEntry e : entries) {
            traced.add(new Timeline.Entry(e.entryId(), e.receivedAt(), e.channel(),
                    SourceReference.of(e.channel(), e.source()), e.department(), e.kind(), e.updateId(), e.roundId(),
                    e.problemNo(), e.measureSeq(), e.sequence(), e.applied() ? "accepted" : "stale", e.entryHash(),
                    e.hubInstance(), deliveries.getOrDefault(e.entryId(), List.of())));
        }
        return traced;
    }

    private static int bound(int limit, int max) {
        return Math.max(1, Math.min(limit, max));
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
