package org.rectificationhub.ledger;

import org.rectificationhub.BatchStages;
import org.rectificationhub.HubProperties;
import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.ProgressUpdate;
import org.rectificationhub.canonical.RoundRegistration;
import org.rectificationhub.department.Departments;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rectification ledger (整改台账): commits canonical documents to the hash-chained entry log, the current
 * state and the outbox, all in one transaction.
 */
@Component
public class Ledger {

    private final TransactionTemplate transactions;
    private final EntryLog log;
    private final Projection projection;
    private final JdbcTemplate jdbc;
    private final LedgerRules rules;
    private final String instanceId;
    private final Clock clock;

    private final IntegrityGate gate;
    private final BatchStages stages;

    /** A document of a batch with its canonical form and content hash, computed once. */
    record Prepared(Submission submission, String canonicalJson, String contentHash) {
        static Prepared of(Submission s) {
            String json = CanonicalJson.write(s.document());
            return new Prepared(s, json, ChainLink.contentHashOf(json));
        }

        CanonicalDocument document() {
            return submission.document();
        }
    }

    Ledger(PlatformTransactionManager transactionManager, EntryLog log, Projection projection, JdbcTemplate jdbc,
           Departments departments, HubProperties properties, IntegrityGate gate, BatchStages stages) {
        this.gate = gate;
        this.stages = stages;
        this.transactions = new TransactionTemplate(transactionManager);
        this.log = log;
        this.projection = projection;
        this.jdbc = jdbc;
        this.rules = new LedgerRules(departments);
        this.instanceId = properties.instanceId();
        this.clock = Clock.systemUTC();
    }

    public CommitResult commit(Submission submission) {
        return commitAll(List.of(submission)).get(0);
    }

    /**
     * Commits a batch in one transaction. A rejected document writes nothing and does not hold back the others;
     * if the transaction itself fails, nothing of the batch is committed and the caller may retry. The batch reads
     * what it needs up front and writes its rows as batched statements at its end.
     */
    public List<CommitResult> commitAll(List<Submission> batch) {
        gate.requireOpen();
        long started = System.nanoTime();
        // Canonical form and hashes before the transaction: the chain's lock is held for the database work only.
        List<Prepared> prepared = batch.stream().map(Prepared::of).toList();
        long[] lap = {stages.lap("ledger-prepare", started)};
        List<CommitResult> committed = transactions.execute(tx -> {
            EntryLog.Head head = log.lockHead();
            lap[0] = stages.lap("ledger-lock", lap[0]);
            BatchReads reads = BatchReads.load(log, projection, prepared);
            lap[0] = stages.lap("ledger-lookups", lap[0]);
            DeferredSql writes = new DeferredSql();
            List<CommitResult> results = new ArrayList<>(batch.size());
            for (Prepared p : prepared) {
                results.add(commitOne(p, head, reads, writes));
            }
            lap[0] = stages.lap("ledger-apply", lap[0]);
            writes.flush(jdbc);
            log.saveHead(head);
            lap[0] = stages.lap("ledger-write", lap[0]);
            return results;
        });
        stages.lap("ledger-commit", lap[0]);
        return committed;
    }

    private CommitResult commitOne(Prepared p, EntryLog.Head head, BatchReads reads, DeferredSql writes) {
        Submission s = p.submission();
        CanonicalDocument doc = s.document();
        Decision identity = rules.identity(s.sender(), doc.department());
        if (identity instanceof Decision.Reject reject) {
            return CommitResult.rejected(reject.reason());
        }
        Optional<EntryLog.Earlier> earlier = reads.earlier(s.sender(), doc.updateId(), p.contentHash());
        if (earlier.isPresent()) {
            EntryLog.Earlier e = earlier.get();
            if (!e.contentHash().equals(p.contentHash())) {
                // The sender thinks it reported something new; answering "duplicate" would make it believe so.
                return CommitResult.rejected("updateId: '" + doc.updateId() + "' was already used for entry "
                        + e.entryId() + " with different content; a new report needs a new updateId");
            }
            return CommitResult.duplicate(e.entryId(), e.entryHash(), "already recorded as entry " + e.entryId());
        }
        Decision decision = decide(doc, reads);
        if (decision instanceof Decision.Reject reject) {
            return CommitResult.rejected(reject.reason());
        }
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        boolean applied = decision instanceof Decision.Apply;
        ChainLink link = link(head, receivedAt, instanceId, s.channel(), s.source(), s.sender(), doc, p.contentHash(),
                p.canonicalJson(), applied);
        String entryHash = link.hash();
        append(link, entryHash, writes);
        reads.appended(link, entryHash);
        head.position = link.position();
        head.hash = entryHash;
        project(doc, link.position(), applied, OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC), reads, writes);
        return applied ? CommitResult.accepted(link.position(), entryHash)
                : CommitResult.stale(link.position(), entryHash, ((Decision.Stale) decision).note());
    }

    private static void append(ChainLink link, String entryHash, DeferredSql writes) {
        writes.update(EntryLog.INSERT_ENTRY, EntryLog.entryRow(link, entryHash));
        writes.update(EntryLog.INSERT_KEY, EntryLog.keyRow(link));
        OffsetDateTime createdAt = OffsetDateTime.ofInstant(link.receivedAt(), ZoneOffset.UTC);
        for (String target : Outbox.TARGETS) {
            writes.update(Outbox.INSERT, link.position(), target, createdAt);
        }
    }

    /**
     * A progress update's state goes with the batch's statements. A registration, rare and touching many rows,
     * is written at once after what the batch has queued, and the batch reads its round again.
     */
    private void project(CanonicalDocument doc, long entryId, boolean applied, OffsetDateTime at, BatchReads reads,
                         DeferredSql writes) {
        if (doc instanceof ProgressUpdate u) {
            if (!applied) {
                projection.countEntry(u.roundId(), u.problemNo(), writes);
                return;
            }
            ProblemState before = reads.problem(u.roundId(), u.problemNo()).orElseThrow();
            boolean hadSequence = reads.appliedSequence(u.department(), u.roundId(), u.problemNo()).isPresent();
            reads.progressApplied(u, projection.applyProgress(u, before, hadSequence, entryId, at, writes));
            return;
        }
        writes.flush(jdbc);
        projection.apply(doc, entryId, applied, at);
        reads.roundRegistered(doc.roundId());
    }

    /** The next link of the chain, every stored column of the entry in it. */
    private static ChainLink link(EntryLog.Head head, Instant receivedAt, String instance, String channel, String source,
                          String sender, CanonicalDocument doc, String contentHash, String canonicalJson,
                          boolean applied) {
        Integer problemNo = doc instanceof ProgressUpdate u ? u.problemNo() : null;
        Integer measureSeq = doc instanceof ProgressUpdate u ? u.measureSeq() : null;
        return new ChainLink(ChainLink.CURRENT_VERSION, head.hash, head.position + 1, receivedAt, instance, channel,
                source, sender, doc.kind(), doc.updateId(), doc.roundId(), problemNo, measureSeq, doc.sequence(),
                applied, contentHash, canonicalJson);
    }

    private Decision decide(CanonicalDocument doc, BatchReads reads) {
        if (doc instanceof RoundRegistration round) {
            return rules.round(round, reads.roundSequence(round.roundId()));
        }
        ProgressUpdate u = (ProgressUpdate) doc;
        return rules.progress(u, reads.roundSequence(u.roundId()).isPresent(),
                reads.problem(u.roundId(), u.problemNo()),
                reads.appliedSequence(u.department(), u.roundId(), u.problemNo()));
    }
}
