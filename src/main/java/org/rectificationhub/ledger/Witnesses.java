package org.rectificationhub.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checkpoints kept outside the database hold the chain to what the hub once signed: its own checkpoints.jsonl
 * and the copies kept elsewhere ({@code hub.ledger.witness-copies}, any form {@link CheckpointCopy} reads). An
 * attacker with only the database's rights can cut the log and delete its checkpoint rows, or rewrite it with
 * recomputed hashes, but cannot make the entry at the newest witnessed position disappear or change unnoticed. The
 * newest checkpoint of each copy that verifies under a trusted key is compared (a rewrite before it changes the hash
 * there; an edit that breaks a link is the sweep's to find). A copy is read again only when it changed.
 */
@Component
class Witnesses {

    private static final Logger log = LoggerFactory.getLogger(Witnesses.class);
    /** Candidates held while a copy is read: the newest by position; a copy is read again past them if none verify. */
    private static final int CANDIDATES = 16;

    private record Seen(long size, long modified, Optional<Checkpoint> newest) {
    }

    private final JdbcTemplate jdbc;
    private final Checkpoints checkpoints;
    private final List<Path> copies;
    private final Map<Path, Seen> seen = new ConcurrentHashMap<>();

    Witnesses(JdbcTemplate jdbc, Checkpoints checkpoints,
              @Value("${hub.ledger.witness-copies:}") List<String> copies) {
        this.jdbc = jdbc;
        this.checkpoints = checkpoints;
        this.copies = copies.stream().map(String::strip).filter(c -> !c.isEmpty()).map(Path::of).toList();
    }

    /** A break when the log is shorter than, or differs from, the newest checkpoint a witness holds. */
    Optional<LedgerVerifier.Report> contradiction() {
        List<Path> all = new ArrayList<>();
        all.add(checkpoints.file());
        all.addAll(copies);
        EntryLog entries = new EntryLog(jdbc);
        for (Path copy : all) {
            Checkpoint newest = newest(copy).orElse(null);
            if (newest == null || newest.headHash().equals(entries.hashAt(newest.position()).orElse(null))
                    || Accepted.in(jdbc).checkpoint(newest)) {
                continue;
            }
            EntryLog.Head head = entries.head();
            String witnessed = "the checkpoint signed at " + newest.signedAt() + " by " + newest.hubInstance()
                    + ", kept outside the database in " + copy;
            String problem = entries.hashAt(newest.position()).isEmpty()
                    ? "the log ends at entry " + head.position + " but " + witnessed + ", vouches for entry "
                    + newest.position() + ": entries were removed"
                    : "entry " + newest.position() + " differs from what " + witnessed + ", vouches for ("
                    + newest.headHash() + "): history was rewritten";
            return Optional.of(new LedgerVerifier.Report(false, head.position, head.hash, newest.position(), problem,
                    1, new Finding("checkpoint", Long.toString(newest.position()), newest.signature(), head.position)));
        }
        return Optional.empty();
    }

    /** The newest checkpoint of a copy that verifies under a trusted key; read again only when the copy changed. */
    Optional<Checkpoint> newest(Path copy) {
        try {
            if (!Files.isRegularFile(copy)) {
                seen.remove(copy);
                return Optional.empty();
            }
            BasicFileAttributes file = Files.readAttributes(copy, BasicFileAttributes.class);
            Seen before = seen.get(copy);
            if (before != null && before.size() == file.size() && before.modified() == file.lastModifiedTime().toMillis()) {
                return before.newest();
            }
            Optional<Checkpoint> newest = read(copy, checkpoints.trustedKeys());
            seen.put(copy, new Seen(file.size(), file.lastModifiedTime().toMillis(), newest));
            return newest;
        } catch (IOException | UncheckedIOException | IllegalArgumentException unreadable) {
            // A witness that cannot be read vouches for nothing; it does not stop the hub.
            log.warn("The checkpoint witness {} cannot be read: {}", copy, unreadable.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<Checkpoint> read(Path copy, Set<String> trusted) {
        long below = Long.MAX_VALUE;
        while (true) {
            long ceiling = below;
            Comparator<Checkpoint> byPosition = Comparator.comparingLong(Checkpoint::position);
            PriorityQueue<Checkpoint> newest = new PriorityQueue<>(byPosition);
            CheckpointCopy.read(copy, checkpoint -> {
                if (checkpoint.position() < ceiling && trusted.contains(checkpoint.publicKey())) {
                    newest.add(checkpoint);
                    if (newest.size() > CANDIDATES) {
                        newest.poll();
                    }
                }
            });
            List<Checkpoint> candidates = newest.stream().sorted(byPosition.reversed()).toList();
            for (Checkpoint candidate : candidates) {
                if (SigningKeys.valid(candidate.publicKey(), candidate.payload(), candidate.signature())) {
                    return Optional.of(candidate);
                }
            }
            if (candidates.size() < CANDIDATES) {
                return Optional.empty();
            }
            below = candidates.get(candidates.size() - 1).position();
        }
    }
}
