package org.rectificationhub.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.canonical.CanonicalJson;

import java.time.Instant;

/**
 * One entry's place in the hash chain: every column the entry log stores. The hash (version 2) covers all of them,
 * in this documented canonical form, one field a line, UTF-8, SHA-256 in lower-case hex:
 * <pre>
 * v2 / prev_hash / id / received_at (ISO-8601 instant in UTC, to the microsecond, as java.time.Instant prints it) / hub_instance / channel / source ("" if none) /
 * department / kind / update_id / round_id / problem_no ("" if none) / measure_seq ("" if none) / sequence /
 * applied (true|false) / content_hash / canonical_json
 * </pre>
 * Editing any column, or removing or reordering entries, breaks the chain. Version 1 (entries written before)
 * covered prev_hash, id, received_at, hub_instance, channel, source, department, content_hash and canonical_json.
 */
record ChainLink(int version, String prevHash, long position, Instant receivedAt, String hubInstance, String channel,
                 String source, String department, String kind, String updateId, String roundId, Integer problemNo,
                 Integer measureSeq, long sequence, boolean applied, String contentHash, String canonicalJson) {

    static final String GENESIS = "0".repeat(64);
    static final int CURRENT_VERSION = 2;

    /**
     * Hash of the canonical JSON without its updateId: a sender that retries with a freshly generated id is
     * still sending the same document. Computed from the stored text so that verification recomputes it exactly.
     */
    static String contentHashOf(String canonicalJson) {
        try {
            return contentHashOf((ObjectNode) CanonicalJson.readTree(canonicalJson));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("canonical JSON is not readable: " + e.getOriginalMessage(), e);
        }
    }

    /** The same, of the JSON already read (the check reads each entry's once); the tree loses its updateId. */
    static String contentHashOf(ObjectNode tree) {
        tree.remove("updateId");
        return CanonicalJson.sha256(CanonicalJson.write(tree));
    }

    String hash() {
        if (version == 1) {
            return CanonicalJson.sha256(String.join("\n", prevHash, Long.toString(position), receivedAt.toString(),
                    hubInstance, channel, text(source), department, contentHash, canonicalJson));
        }
        return CanonicalJson.sha256(String.join("\n", "v2", prevHash, Long.toString(position),
                receivedAt.toString(), hubInstance, channel, text(source), department, kind, updateId, roundId,
                text(problemNo), text(measureSeq), Long.toString(sequence), Boolean.toString(applied), contentHash,
                canonicalJson));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
