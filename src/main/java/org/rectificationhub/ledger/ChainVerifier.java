package org.rectificationhub.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.canonical.CanonicalJson;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.IntStream;

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

    /**
     * @param brokenAt the first entry that does not hold (null when ok); problem says how, finding what clearing it
     *                 accepts
     * @param beyond   checkpoints for entries after the head the walk read: appended since, or removed (the caller
     *                 tells which, outside the walk's snapshot)
     */
    record Walk(boolean ok, long entries, String head, Long brokenAt, String problem, Finding finding,
                List<Checkpoint> beyond) {

        static Walk broken(long position, String prev, Long at, String problem, Finding finding) {
            return new Walk(false, position, prev, at, problem, finding, List.of());
        }
    }

    Walk walk(Start start, List<Checkpoint> checkpoints) {
        return walk(start, checkpoints, Accepted.NONE);
    }

    /** A break operators accepted (the entry still as it was when they did) does not stop the walk. */
    Walk walk(Start start, List<Checkpoint> checkpoints, Accepted accepted) {
        Map<Long, Checkpoint> vouched = new TreeMap<>();
        checkpoints.stream().filter(c -> c.position() > start.position()).forEach(c -> vouched.putIfAbsent(c.position(), c));
        // The head first: entries appended while the walk runs lie beyond it and are left for the next walk.
        EntryLog.Head head = log.head();
        String prev = start.hash();
        long position = start.position();
        while (true) {
            List<EntryLog.Stored> page = log.between(position, head.position, PAGE);
            String[] checked = checks(page, prev, position);
            for (int i = 0; i < page.size(); i++) {
                EntryLog.Stored stored = page.get(i);
                long at = stored.link().position();
                String problem = checked[i];
                Checkpoint checkpoint = vouched.remove(at);
                if (problem == null && checkpoint != null && !checkpoint.headHash().equals(stored.entryHash())) {
                    problem = "the entry differs from what the checkpoint signed at " + checkpoint.signedAt() + " by "
                            + checkpoint.hubInstance() + " vouches for (" + checkpoint.headHash() + "): history was"
                            + " rewritten";
                }
                if (problem != null && !accepted.entry(at, stored.fingerprint())) {
                    return Walk.broken(position, prev, at, problem, Finding.entry(at, stored.fingerprint(), head.position));
                }
                prev = stored.entryHash();
                position = at;
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        List<Checkpoint> beyond = vouched.values().stream().filter(c -> c.position() > head.position).toList();
        vouched.values().removeAll(beyond);
        vouched.keySet().removeIf(missing -> accepted.entry(missing, null));
        if (!vouched.isEmpty()) {
            Checkpoint gone = vouched.values().iterator().next();
            return Walk.broken(position, prev, gone.position(), "the log ends at entry " + position + " but a"
                    + " checkpoint signed at " + gone.signedAt() + " vouches for entry " + gone.position()
                    + ": entries were removed", Finding.entry(gone.position(), null, head.position));
        }
        Finding headFinding = new Finding("head", Long.toString(head.position), head.hash, head.position);
        if ((head.position != position || !head.hash.equals(prev)) && !accepted.accepts(headFinding)) {
            return Walk.broken(position, prev, head.position, "the chain head says position " + head.position
                    + " hash " + head.hash + " but the log ends at " + position + " hash " + prev,
                    headFinding);
        }
        return new Walk(true, position, prev, null, null, null, beyond);
    }

    /**
     * What does not hold in each entry of a page, or null: checked in parallel (hashing and reading the JSON is
     * most of the walk's work, and each entry's check needs only stored columns: its own and the previous entry's
     * hash), then read in chain order by the caller, so the first finding is the same as one by one.
     */
    private static String[] checks(List<EntryLog.Stored> page, String prev, long position) {
        String[] problems = new String[page.size()];
        IntStream.range(0, page.size()).parallel().forEach(i -> problems[i] = check(page.get(i),
                i == 0 ? prev : page.get(i - 1).entryHash(),
                (i == 0 ? position : page.get(i - 1).link().position()) + 1));
        return problems;
    }

    /** What does not hold in one stored entry, following the entry whose hash is {@code expectedPrev}; null if all. */
    static String check(EntryLog.Stored stored, String expectedPrev, long expectedPosition) {
        ChainLink link = stored.link();
        if (link.position() != expectedPosition) {
            return "entry " + expectedPosition + " is missing";
        }
        if (!link.prevHash().equals(expectedPrev)) {
            return "prev_hash does not match the hash of entry " + (expectedPosition - 1);
        }
        JsonNode doc;
        try {
            doc = CanonicalJson.readTree(link.canonicalJson());
        } catch (JsonProcessingException e) {
            return "canonical JSON is not readable: " + e.getOriginalMessage();
        }
        String contradiction = contradiction(link, doc); // before the content hash takes the updateId out
        if (!(doc instanceof ObjectNode tree) || !ChainLink.contentHashOf(tree).equals(link.contentHash())) {
            return "content_hash does not match the canonical JSON";
        }
        if (contradiction != null) {
            return contradiction;
        }
        if (!link.hash().equals(stored.entryHash())) {
            return "entry_hash does not match the entry's columns";
        }
        return null;
    }

    /** The columns kept beside the canonical JSON must say what it says (version 1 hashes did not cover them). */
    private static String contradiction(ChainLink link, JsonNode doc) {
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
