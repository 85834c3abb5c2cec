package org.rectificationhub.ingest;

import org.rectificationhub.canonical.CanonicalDocument;

/**
 * One document read out of an input: valid for the ledger, or the reason it is not.
 *
 * @param index    position in the input, from 1
 * @param ownBytes the document's own bytes when they are a part of the input (an array element), else null
 */
record Reading(int index, String updateId, CanonicalDocument document, String reason, byte[] ownBytes) {

    static Reading valid(int index, CanonicalDocument document, byte[] ownBytes) {
        return new Reading(index, document.updateId(), document, null, ownBytes);
    }

    static Reading rejected(int index, String updateId, String reason, byte[] ownBytes) {
        return new Reading(index, updateId, null, reason, ownBytes);
    }

    boolean isValid() {
        return document != null;
    }
}
