package org.rectificationhub.delivery;

import java.time.Instant;

/**
 * Something a target holds beyond the outbox rows and failed to send on (a commission snapshot), as operators see it.
 *
 * @param item          what it is, as the target names it (e.g. "snapshot feed-round-2 #3")
 * @param attempts      failed tries in a row
 * @param failingSince  when its current run of failures began
 * @param nextAttemptAt when it is tried again by itself, or null once parked
 * @param parkedAt      when it was parked (tried again only by an operator's replay), or null
 */
public record HeldItem(String item, String roundId, int attempts, String lastError, Instant failingSince,
                       Instant nextAttemptAt, Instant parkedAt) {
}
