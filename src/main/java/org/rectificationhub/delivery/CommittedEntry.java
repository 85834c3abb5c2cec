package org.rectificationhub.delivery;

import java.time.Instant;

/**
 * One committed ledger entry as the relay hands it to a target.
 *
 * @param entryId       the entry's position in the hash chain
 * @param kind          round or progress
 * @param roundId       the round it belongs to
 * @param problemNo     the problem a progress update reports on, or null
 * @param canonicalJson the entry's canonical JSON (confidential fields included: each target applies its policy)
 */
public record CommittedEntry(long entryId, String kind, String roundId, Integer problemNo, String department,
                             Instant receivedAt, boolean applied, String entryHash, String canonicalJson) {
}
