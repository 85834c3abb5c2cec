package org.rectificationhub.ledger;

import org.rectificationhub.canonical.CanonicalJson;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A signed statement that the chain's entry {@code position} has hash {@code headHash}. Signed with Ed25519 over
 * {@link #payload()}: the canonical JSON {@code {"headHash","hubInstance","position","time"}} (keys sorted, no
 * spaces), so anyone holding a copy and the public key can check it and hold the hub to it.
 *
 * @param publicKey Ed25519 public key, X.509 SubjectPublicKeyInfo, base64
 * @param signature Ed25519 signature of the payload, base64
 */
public record Checkpoint(long position, String headHash, Instant signedAt, String hubInstance, String publicKey,
                         String signature) {

    /** Every field, as published (the API, checkpoints.jsonl): what a holder of a copy needs to check it. */
    public Map<String, Object> published() {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("position", position);
        fields.put("headHash", headHash);
        fields.put("time", signedAt.toString());
        fields.put("hubInstance", hubInstance);
        fields.put("publicKey", publicKey);
        fields.put("signature", signature);
        return fields;
    }

    public String payload() {
        Map<String, Object> signed = new TreeMap<>();
        signed.put("headHash", headHash);
        signed.put("hubInstance", hubInstance);
        signed.put("position", position);
        signed.put("time", signedAt.toString());
        return CanonicalJson.write(signed);
    }
}
