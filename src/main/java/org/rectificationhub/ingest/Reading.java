package org.rectificationhub.ingest;

import org.rectificationhub.canonical.CanonicalDocument;

import java.util.List;

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

    /** The document at the index; an input that now reads as one rejection (too large, unreadable) is that for all. */
    static Reading at(List<Reading> read, int index) {
        for (Reading reading : read) {
            if (reading.index() == index) {
                return reading;
            }
        }
        if (read.size() == 1 && !read.get(0).isValid()) {
            return rejected(index, read.get(0).updateId(), read.get(0).reason(), null);
        }
        return rejected(index, null, "the input now reads as " + read.size() + " documents; document " + index
                + " is not among them", null);
    }
}
