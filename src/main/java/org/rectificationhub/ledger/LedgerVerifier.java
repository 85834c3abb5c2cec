package org.rectificationhub.ledger;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Proves the ledger: walks the whole chain against every trusted signed checkpoint (the database's, the hub's own
 * file, and an outsider's copy when given), then replays the log into a fresh projection and compares it with the
 * current state and the idempotency keys. The same check runs in the hub, over the API, and offline.
 */
@Component
public class LedgerVerifier {

    /**
     * @param brokenAt    the first entry that does not hold, or null (also when only the current state differs)
     * @param problem     what does not hold, naming the entry, checkpoint or state row; null when ok
     * @param checkpoints how many trusted checkpoints the chain was held to
     */
    public record Report(boolean ok, long entries, String head, Long brokenAt, String problem, int checkpoints) {
    }

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
        all.addAll(Checkpoints.read(checkpoints.file()));
        outsideCopies.forEach(copy -> all.addAll(Checkpoints.read(copy)));
        Vetted vetted = vet(List.copyOf(all), trustedKeys(outsideCopies));
        if (vetted.forged() != null) {
            return new Report(false, 0, null, vetted.forged().position(), "the checkpoint signed at "
                    + vetted.forged().signedAt() + " for entry " + vetted.forged().position()
                    + " does not verify under its key: checkpoints were forged or edited", vetted.trusted().size());
        }
        ChainVerifier.Walk walk = chain.walk(ChainVerifier.Start.GENESIS, vetted.trusted());
        if (!walk.ok()) {
            return report(walk, vetted.trusted().size());
        }
        String difference = new StateReplay(jdbc).firstDifference();
        return new Report(difference == null, walk.entries(), walk.head(), null, difference, vetted.trusted().size());
    }

    /** The chain from a verified entry on, against the trusted checkpoints after it: the continuous check. */
    Report verifyFrom(long position, String hash) {
        Vetted vetted = vet(checkpoints.storedAfter(position), checkpoints.trustedKeys());
        if (vetted.forged() != null) {
            return new Report(false, position, hash, vetted.forged().position(), "the checkpoint for entry "
                    + vetted.forged().position() + " does not verify under its key", vetted.trusted().size());
        }
        return report(chain.walk(new ChainVerifier.Start(position, hash), vetted.trusted()), vetted.trusted().size());
    }

    private Set<String> trustedKeys(List<Path> outsideCopies) {
        Set<String> keys = new java.util.HashSet<>(checkpoints.trustedKeys());
        // An auditor's copy names the keys the auditor holds the hub to.
        outsideCopies.forEach(copy -> Checkpoints.read(copy).forEach(c -> keys.add(c.publicKey())));
        return keys;
    }

    private static Report report(ChainVerifier.Walk walk, int checkpoints) {
        return new Report(walk.ok(), walk.entries(), walk.head(), walk.brokenAt(), walk.problem(), checkpoints);
    }

    /** Checkpoints by a trusted key with a valid signature; one by a trusted key that does not verify is forged. */
    private static Vetted vet(List<Checkpoint> all, Set<String> trusted) {
        List<Checkpoint> ok = new ArrayList<>();
        for (Checkpoint checkpoint : all) {
            if (!trusted.contains(checkpoint.publicKey())) {
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
