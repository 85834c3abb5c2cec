package org.rectificationhub.ledger;

import org.rectificationhub.canonical.ProgressUpdate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a ledger batch reads, in a few queries at its start rather than five per document: the entries recorded
 * earlier under the batch's updateIds or contents, and the state of the problems it reports on. The batch keeps
 * these current as it goes, so a document sees what an earlier one of the same batch did although the rows are
 * written only at the end ({@link DeferredSql}). Valid only under the chain lock the batch holds: no other writer
 * can change the rows in between.
 */
final class BatchReads {

    private final Projection projection;
    private final Map<String, EntryLog.Earlier> byUpdateId = new HashMap<>();
    private final Map<String, EntryLog.Earlier> byContent = new HashMap<>();
    private final Map<String, OptionalLong> rounds = new HashMap<>();
    private final Map<String, Optional<ProblemState>> problems = new HashMap<>();
    private final Map<String, OptionalLong> applied = new HashMap<>();
    /** Problems whose applied sequences were all loaded: a department missing among them has none. */
    private final Set<String> sequencesLoaded = new HashSet<>();

    private BatchReads(Projection projection) {
        this.projection = projection;
    }

    static BatchReads load(EntryLog log, Projection projection, List<Ledger.Prepared> batch) {
        BatchReads reads = new BatchReads(projection);
        Set<EntryLog.SenderKey> updateIds = new LinkedHashSet<>();
        Set<String> contents = new LinkedHashSet<>();
        Map<String, Set<Integer>> problemsByRound = new LinkedHashMap<>();
        for (Ledger.Prepared p : batch) {
            updateIds.add(new EntryLog.SenderKey(p.submission().sender(), p.document().updateId()));
            contents.add(p.contentHash());
            if (p.document() instanceof ProgressUpdate u) {
                problemsByRound.computeIfAbsent(u.roundId(), r -> new LinkedHashSet<>()).add(u.problemNo());
            }
        }
        for (EntryLog.Keyed k : log.earlierAmong(updateIds, contents)) {
            if (updateIds.contains(new EntryLog.SenderKey(k.department(), k.earlier().updateId()))) {
                reads.byUpdateId.put(key(k.department(), k.earlier().updateId()), k.earlier());
            }
            reads.byContent.put(k.earlier().contentHash(), k.earlier());
        }
        problemsByRound.forEach(reads::loadRound);
        return reads;
    }

    private void loadRound(String roundId, Collection<Integer> problemNos) {
        List<Integer> nos = new ArrayList<>(problemNos);
        Map<Integer, ProblemState> found = projection.problems(roundId, nos);
        for (Integer no : nos) {
            problems.put(key(roundId, no), Optional.ofNullable(found.get(no)));
            sequencesLoaded.add(key(roundId, no));
        }
        for (Projection.AppliedSequence a : projection.appliedSequences(roundId, nos)) {
            applied.put(key(a.department(), roundId, a.problemNo()), OptionalLong.of(a.sequence()));
        }
    }

    /** The entry recorded under the sender's updateId, else under the same content, in the ledger or this batch. */
    Optional<EntryLog.Earlier> earlier(String department, String updateId, String contentHash) {
        EntryLog.Earlier byId = byUpdateId.get(key(department, updateId));
        return Optional.ofNullable(byId != null ? byId : byContent.get(contentHash));
    }

    void appended(ChainLink link, String entryHash) {
        EntryLog.Earlier entry = new EntryLog.Earlier(link.position(), entryHash, link.contentHash(), link.updateId());
        byUpdateId.put(key(link.department(), link.updateId()), entry);
        byContent.put(link.contentHash(), entry);
    }

    OptionalLong roundSequence(String roundId) {
        return rounds.computeIfAbsent(roundId, projection::roundSequence);
    }

    Optional<ProblemState> problem(String roundId, int problemNo) {
        return problems.computeIfAbsent(key(roundId, problemNo), k -> projection.problem(roundId, problemNo));
    }

    OptionalLong appliedSequence(String department, String roundId, int problemNo) {
        OptionalLong known = applied.get(key(department, roundId, problemNo));
        if (known != null) {
            return known;
        }
        return sequencesLoaded.contains(key(roundId, problemNo)) ? OptionalLong.empty()
                : applied.computeIfAbsent(key(department, roundId, problemNo),
                        k -> projection.appliedSequence(department, roundId, problemNo));
    }

    /** A progress update applied by this batch: the problem's state and the sender's sequence after it. */
    void progressApplied(ProgressUpdate u, ProblemState after) {
        problems.put(key(u.roundId(), u.problemNo()), Optional.of(after));
        applied.put(key(u.department(), u.roundId(), u.problemNo()), OptionalLong.of(u.sequence()));
    }

    /** A registration was written straight to the state tables: what this batch knew of the round is read again. */
    void roundRegistered(String roundId) {
        rounds.remove(roundId);
        problems.keySet().removeIf(k -> k.startsWith(roundId + '\n'));
    }

    private static String key(Object... parts) {
        StringBuilder key = new StringBuilder();
        for (Object part : parts) {
            key.append(part).append('\n');
        }
        return key.toString();
    }
}
