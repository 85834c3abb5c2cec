package org.rectificationhub.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.canonical.CanonicalJson;

import java.time.Instant;

/**
 * One entry's place in the hash chain. The hash covers the previous hash, the position and every stored fact
 * about the entry, so editing any of them, or removing or reordering entries, breaks the chain.
 */
record ChainLink(String prevHash, long position, Instant receivedAt, String hubInstance, String channel,
                 String source, String department, String contentHash, String canonicalJson) {

    static final String GENESIS = "0".repeat(64);

    /**
     * Hash of the canonical JSON without its updateId: a sender that retries with a freshly generated id is
     * still sending the same document. Computed from the stored text so that verification recomputes it exactly.
     */
    static String contentHashOf(String canonicalJson) {
        try {
            ObjectNode tree = (ObjectNode) CanonicalJson.readTree(canonicalJson);
            tree.remove("updateId");
            return CanonicalJson.sha256(CanonicalJson.write(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("canonical JSON is not readable: " + e.getOriginalMessage(), e);
        }
    }

    String hash() {
        return CanonicalJson.sha256(String.join("\n",
                prevHash, Long.toString(position), receivedAt.toString(), hubInstance, channel,
                source == null ? "" : source, department, contentHash, canonicalJson));
    }
}
