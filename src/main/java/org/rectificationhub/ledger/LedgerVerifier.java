package org.rectificationhub.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Proves the ledger: walks the whole chain against every trusted signed checkpoint (the database's, the hub's own
 * file, and an outsider's copy when given), then replays the log round by round and compares it with the current
 * state and the idempotency keys, all read in one snapshot up to the head read at its start, so what commits
 * meanwhile is neither seen nor mistaken for an edit. The same check runs in the hub, over the API, and offline.
 * What operators accepted when they cleared a break is not raised again while it stands as it was accepted.
 */
@Component
public class LedgerVerifier {

    /**
     * @param entries     the entry verified up to (the head the check read, when ok)
     * @param brokenAt    the first entry that does not hold, or null (also when only the current state differs)
     * @param problem     what does not hold, naming the entry, checkpoint or state row; null when ok
     * @param checkpoints how many trusted checkpoints the chain was held to
     * @param finding     what clearing the break accepts; null when ok
     */
    public record Report(boolean ok, long entries, String head, Long brokenAt, String problem, int checkpoints,
                         Finding finding) {
    }

    private static final Logger log = LoggerFactory.getLogger(LedgerVerifier.class);

    private final JdbcTemplate jdbc;
    private final Checkpoints checkpoints;
    private final ChainVerifier chain;

    LedgerVerifier(JdbcTemplate jdbc, Checkpoints checkpoints) {
        this.jdbc = jdbc;
        this.checkpoints = checkpoints;
        this.chain = new ChainVerifier(jdbc);
    }

    /** The full check, against the hub's own checkpoints. */
    public Report verify() {
        return verify(List.of());
    }

    /** The full check, also against checkpoints held outside (files of JSON lines). */
    public Report verify(List<Path> outsideCopies) {
        // The database's copy, the hub's file and the outsiders' copies mostly hold the same checkpoints: each once.
        Set<Checkpoint> all = new LinkedHashSet<>(checkpoints.stored());
        all.addAll(CheckpointCopy.all(checkpoints.file()));
        outsideCopies.forEach(copy -> all.addAll(CheckpointCopy.all(copy)));
        Accepted accepted = Accepted.in(jdbc);
        Vetted vetted = vet(List.copyOf(all), trustedKeys(outsideCopies), accepted);
        if (vetted.forged() != null) {
            return forged(vetted, "the checkpoint signed at " + vetted.forged().signedAt() + " for entry "
                    + vetted.forged().position() + " does not verify under its key: checkpoints were forged or edited");
        }
        int held = vetted.trusted().size();
        ChainVerifier.Walk walk = Snapshot.read(jdbc, () -> {
            long started = System.nanoTime();
            ChainVerifier.Walk chained = chain.walk(ChainVerifier.Start.GENESIS, vetted.trusted(), accepted);
            long walked = System.nanoTime();
            StateDifference difference = chained.ok() ? stateDifference(chained.entries(), accepted) : null;
            log.info("Full verification of {} entries: the chain walked in {} ms, the keys and the state replayed in"
                    + " {} ms", chained.entries(), (walked - started) / 1_000_000, (System.nanoTime() - walked)
                    / 1_000_000);
            return difference == null ? chained : ChainVerifier.Walk.broken(chained.entries(), chained.head(), null,
                    difference.problem(), difference.finding());
        });
        return report(beyond(walk, accepted), held);
    }

    /**
     * The continuous check: the entry verified last is read again (an edit there, even with its hash recomputed, is
     * caught at the next tick), then the chain after it; what was verified before is left to the full check.
     */
    Report verifySince(long position, String hash) {
        EntryLog log = new EntryLog(jdbc);
        String stored = log.hashAt(position).orElse(null);
        String before = log.prevHashAt(position).orElse(null);
        if (position == 0 || hash.equals(stored) && before != null) {
            return position == 0 ? verifyFrom(0, hash) : verifyFrom(position - 1, before);
        }
        String fingerprint = log.fingerprintAt(position).orElse(null);
        if (Accepted.in(jdbc).entry(position, fingerprint)) {
            return verifyFrom(position, hash);
        }
        return new Report(false, position, hash, position, "entry " + position + ", verified with hash " + hash + ", "
                + (stored == null ? "is missing: entries were removed" : "now has hash " + stored
                + ": history was rewritten"), 0, Finding.entry(position, fingerprint, position));
    }

    /** The start-up check: the entry the anchor vouches for still as signed, then the chain after it. */
    Report verifyFromAnchor(Checkpoint anchor) {
        if (anchor == null) {
            return verifyFrom(0, ChainLink.GENESIS);
        }
        EntryLog log = new EntryLog(jdbc);
        if (!anchor.headHash().equals(log.hashAt(anchor.position()).orElse(null))) {
            return new Report(false, 0, null, anchor.position(), "the entry differs from the latest checkpoint, signed"
                    + " at " + anchor.signedAt() + ": history was rewritten", 1, Finding.entry(anchor.position(),
                    log.fingerprintAt(anchor.position()).orElse(null), anchor.position()));
        }
        return verifyFrom(anchor.position(), anchor.headHash());
    }

    /** The chain from a verified entry on, against the trusted checkpoints after it. */
    Report verifyFrom(long position, String hash) {
        Accepted accepted = Accepted.in(jdbc);
        Vetted vetted = vet(checkpoints.storedAfter(position), checkpoints.trustedKeys(), accepted);
        if (vetted.forged() != null) {
            return forged(vetted, "the checkpoint for entry " + vetted.forged().position()
                    + " does not verify under its key");
        }
        return report(beyond(chain.walk(new ChainVerifier.Start(position, hash), vetted.trusted(), accepted),
                accepted), vetted.trusted().size());
    }

    /** In the walk's snapshot: the keys, then the state, up to the head the walk read. */
    private StateDifference stateDifference(long head, Accepted accepted) {
        StateDifference keys = KeyCheck.firstDifference(jdbc, head, accepted);
        return keys != null ? keys : new StateReplay(jdbc).firstDifference(head, accepted);
    }

    /**
     * Checkpoints for entries after the head the walk read, looked at again now: appended since, the entry is there
     * as they say; otherwise entries were removed.
     */
    private ChainVerifier.Walk beyond(ChainVerifier.Walk walk, Accepted accepted) {
        if (!walk.ok()) {
            return walk;
        }
        EntryLog log = new EntryLog(jdbc);
        for (Checkpoint checkpoint : walk.beyond()) {
            String stored = log.hashAt(checkpoint.position()).orElse(null);
            String fingerprint = log.fingerprintAt(checkpoint.position()).orElse(null);
            if (!checkpoint.headHash().equals(stored) && !accepted.entry(checkpoint.position(), fingerprint)) {
                return ChainVerifier.Walk.broken(walk.entries(), walk.head(), checkpoint.position(), stored == null
                        ? "the log ends before entry " + checkpoint.position() + " but a checkpoint signed at "
                        + checkpoint.signedAt() + " vouches for it: entries were removed"
                        : "the entry differs from what the checkpoint signed at " + checkpoint.signedAt()
                        + " vouches for: history was rewritten",
                        Finding.entry(checkpoint.position(), fingerprint, walk.entries()));
            }
        }
        return walk;
    }

    private Set<String> trustedKeys(List<Path> outsideCopies) {
        Set<String> keys = new java.util.HashSet<>(checkpoints.trustedKeys());
        // An auditor's copy names the keys the auditor holds the hub to.
        outsideCopies.forEach(copy -> CheckpointCopy.all(copy).forEach(c -> keys.add(c.publicKey())));
        return keys;
    }

    private static Report report(ChainVerifier.Walk walk, int checkpoints) {
        return new Report(walk.ok(), walk.entries(), walk.head(), walk.brokenAt(), walk.problem(), checkpoints,
                walk.finding());
    }

    private static Report forged(Vetted vetted, String problem) {
        Checkpoint forged = vetted.forged();
        return new Report(false, 0, null, forged.position(), problem, vetted.trusted().size(), new Finding("checkpoint",
                Long.toString(forged.position()), forged.signature(), forged.position()));
    }

    /**
     * Checkpoints by a trusted key with a valid signature; one by a trusted key that does not verify is forged,
     * unless an operator accepted it as such.
     */
    private static Vetted vet(List<Checkpoint> all, Set<String> trusted, Accepted accepted) {
        List<Checkpoint> ok = new ArrayList<>();
        for (Checkpoint checkpoint : all) {
            if (!trusted.contains(checkpoint.publicKey()) || accepted.checkpoint(checkpoint)) {
                continue; // another instance's or an unknown key: it vouches for nothing here
            }
            if (!SigningKeys.valid(checkpoint.publicKey(), checkpoint.payload(), checkpoint.signature())) {
                return new Vetted(ok, checkpoint);
            }
            ok.add(checkpoint);
        }
        return new Vetted(ok, null);
    }

    private record Vetted(List<Checkpoint> trusted, Checkpoint forged) {
    }
}
