package org.rectificationhub.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.rectificationhub.canonical.CanonicalJson;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Walks the hash chain and reports the first place where it does not hold: a missing entry, a broken link, a hash
 * that does not match the entry's columns, a column that contradicts the entry's canonical JSON, or an entry that
 * differs from what a signed checkpoint vouches for (a rewrite with recomputed hashes is caught there).
 */
class ChainVerifier {

    private static final int PAGE = 1000;

    private final EntryLog log;

    ChainVerifier(JdbcTemplate jdbc) {
        this.log = new EntryLog(jdbc);
    }

    /** Where a walk starts: genesis, or an entry already verified. */
    record Start(long position, String hash) {
        static final Start GENESIS = new Start(0, ChainLink.GENESIS);
    }

    /** @param brokenAt the first entry that does not hold (null when ok); problem says how */
    record Walk(boolean ok, long entries, String head, Long brokenAt, String problem) {
    }

    Walk walk(Start start, List<Checkpoint> checkpoints) {
        Map<Long, Checkpoint> vouched = new TreeMap<>();
        checkpoints.stream().filter(c -> c.position() > start.position()).forEach(c -> vouched.putIfAbsent(c.position(), c));
        // The head first: entries appended while the walk runs lie beyond it and are left for the next walk.
        EntryLog.Head head = log.head();
        String prev = start.hash();
        long position = start.position();
        while (true) {
            List<EntryLog.Stored> page = log.between(position, head.position, PAGE);
            for (EntryLog.Stored stored : page) {
                String problem = check(stored, prev, position + 1);
                Checkpoint checkpoint = vouched.remove(stored.link().position());
                if (problem == null && checkpoint != null && !checkpoint.headHash().equals(stored.entryHash())) {
                    problem = "the entry differs from what the checkpoint signed at " + checkpoint.signedAt() + " by "
                            + checkpoint.hubInstance() + " vouches for (" + checkpoint.headHash() + "): history was"
                            + " rewritten";
                }
                if (problem != null) {
                    return new Walk(false, position, prev, stored.link().position(), problem);
                }
                prev = stored.entryHash();
                position = stored.link().position();
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        vouched.keySet().removeIf(vouchedFor -> vouchedFor > head.position && log.hashAt(vouchedFor).isPresent());
        if (!vouched.isEmpty()) {
            Checkpoint beyond = vouched.values().iterator().next();
            return new Walk(false, position, prev, beyond.position(), "the log ends at entry " + position
                    + " but a checkpoint signed at " + beyond.signedAt() + " vouches for entry " + beyond.position()
                    + ": entries were removed");
        }
        if (head.position != position || !head.hash.equals(prev)) {
            return new Walk(false, position, prev, head.position, "the chain head says position " + head.position
                    + " hash " + head.hash + " but the log ends at " + position + " hash " + prev);
        }
        return new Walk(true, position, prev, null, null);
    }

    private static String check(EntryLog.Stored stored, String expectedPrev, long expectedPosition) {
        ChainLink link = stored.link();
        if (link.position() != expectedPosition) {
            return "entry " + expectedPosition + " is missing";
        }
        if (!link.prevHash().equals(expectedPrev)) {
            return "prev_hash does not match the hash of entry " + (expectedPosition - 1);
        }
        try {
            if (!ChainLink.contentHashOf(link.canonicalJson()).equals(link.contentHash())) {
                return "content_hash does not match the canonical JSON";
            }
            String contradiction = contradiction(link);
            if (contradiction != null) {
                return contradiction;
            }
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (!link.hash().equals(stored.entryHash())) {
            return "entry_hash does not match the entry's columns";
        }
        return null;
    }

    /** The columns kept beside the canonical JSON must say what it says (version 1 hashes did not cover them). */
    private static String contradiction(ChainLink link) {
        JsonNode doc;
        try {
            doc = CanonicalJson.readTree(link.canonicalJson());
        } catch (JsonProcessingException e) {
            return "canonical_json is not readable";
        }
        Map<String, Object[]> columns = new TreeMap<>(Map.of(
                "kind", new Object[] {link.kind(), text(doc, "kind")},
                "update_id", new Object[] {link.updateId(), text(doc, "updateId")},
                "department", new Object[] {link.department(), text(doc, "department")},
                "round_id", new Object[] {link.roundId(), doc.has("round") ? text(doc.get("round"), "roundId")
                        : text(doc, "roundId")},
                "problem_no", new Object[] {link.problemNo(), number(doc, "problemNo")},
                "measure_seq", new Object[] {link.measureSeq(), number(doc, "measureSeq")},
                "sequence", new Object[] {link.sequence(), doc.path("sequence").asLong()}));
        for (Map.Entry<String, Object[]> column : columns.entrySet()) {
            Object stored = column.getValue()[0];
            Object said = column.getValue()[1];
            if (!Objects.equals(stored == null ? null : stored.toString(), said == null ? null : said.toString())) {
                return column.getKey() + " is '" + stored + "' but the entry's canonical JSON says '" + said + "'";
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Integer number(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asInt() : null;
    }
}
