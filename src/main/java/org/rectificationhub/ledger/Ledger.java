package org.rectificationhub.ledger;

import org.rectificationhub.HubProperties;
import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.ProgressUpdate;
import org.rectificationhub.canonical.RoundRegistration;
import org.rectificationhub.department.Departments;
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
    private final Outbox outbox;
    private final LedgerRules rules;
    private final String instanceId;
    private final Clock clock;

    private final IntegrityGate gate;

    Ledger(PlatformTransactionManager transactionManager, EntryLog log, Projection projection, Outbox outbox,
           Departments departments, HubProperties properties, IntegrityGate gate) {
        this.gate = gate;
        this.transactions = new TransactionTemplate(transactionManager);
        this.log = log;
        this.projection = projection;
        this.outbox = outbox;
        this.rules = new LedgerRules(departments);
        this.instanceId = properties.instanceId();
        this.clock = Clock.systemUTC();
    }

    public CommitResult commit(Submission submission) {
        return commitAll(List.of(submission)).get(0);
    }

    /**
     * Commits a batch in one transaction. A rejected document writes nothing and does not hold back the others;
     * if the transaction itself fails, nothing of the batch is committed and the caller may retry.
     */
    public List<CommitResult> commitAll(List<Submission> batch) {
        gate.requireOpen();
        return transactions.execute(tx -> {
            EntryLog.Head head = log.lockHead();
            BatchWrites writes = new BatchWrites();
            List<CommitResult> results = new ArrayList<>(batch.size());
            for (Submission submission : batch) {
                results.add(commitOne(submission, head, writes));
            }
            writes.flush(log, outbox);
            log.saveHead(head);
            return results;
        });
    }

    private CommitResult commitOne(Submission s, EntryLog.Head head, BatchWrites writes) {
        CanonicalDocument doc = s.document();
        Decision identity = rules.identity(s.sender(), doc.department());
        if (identity instanceof Decision.Reject reject) {
            return CommitResult.rejected(reject.reason());
        }
        String canonicalJson = CanonicalJson.write(doc);
        String contentHash = ChainLink.contentHashOf(canonicalJson);
        Optional<EntryLog.Earlier> earlier = writes.earlier(s.sender(), doc.updateId(), contentHash)
                .or(() -> log.earlier(s.sender(), doc.updateId(), contentHash));
        if (earlier.isPresent()) {
            EntryLog.Earlier e = earlier.get();
            if (!e.contentHash().equals(contentHash)) {
                // The sender thinks it reported something new; answering "duplicate" would make it believe so.
                return CommitResult.rejected("updateId: '" + doc.updateId() + "' was already used for entry "
                        + e.entryId() + " with different content; a new report needs a new updateId");
            }
            return CommitResult.duplicate(e.entryId(), e.entryHash(), "already recorded as entry " + e.entryId());
        }
        Decision decision = decide(doc);
        if (decision instanceof Decision.Reject reject) {
            return CommitResult.rejected(reject.reason());
        }
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        boolean applied = decision instanceof Decision.Apply;
        ChainLink link = link(head, receivedAt, instanceId, s.channel(), s.source(), s.sender(), doc, contentHash,
                canonicalJson, applied);
        String entryHash = link.hash();
        log.appendEntry(link, entryHash);
        writes.appended(link, entryHash);
        head.position = link.position();
        head.hash = entryHash;
        projection.apply(doc, link.position(), applied, OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC));
        return applied ? CommitResult.accepted(link.position(), entryHash)
                : CommitResult.stale(link.position(), entryHash, ((Decision.Stale) decision).note());
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

    private Decision decide(CanonicalDocument doc) {
        if (doc instanceof RoundRegistration round) {
            return rules.round(round, projection.roundSequence(round.roundId()));
        }
        ProgressUpdate u = (ProgressUpdate) doc;
        return rules.progress(u, projection.roundSequence(u.roundId()).isPresent(),
                projection.problem(u.roundId(), u.problemNo()),
                projection.appliedSequence(u.department(), u.roundId(), u.problemNo()));
    }
}
