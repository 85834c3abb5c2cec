package org.rectificationhub.ledger;

/**
 * What a break names, so that clearing it accepts exactly that: an entry as stored ({@code entry}, key its position,
 * value its fingerprint or null when none is there), a checkpoint ({@code checkpoint}, value its signature), an
 * entry's idempotency key ({@code key}, value the key as stored or null) or a state row ({@code state}, value the
 * row as stored, see {@link StateTables}). {@code atPosition} is the chain head the finding check read.
 */
record Finding(String kind, String key, String value, long atPosition) {

    static Finding entry(long position, String fingerprint, long atPosition) {
        return new Finding("entry", Long.toString(position), fingerprint, atPosition);
    }
}
