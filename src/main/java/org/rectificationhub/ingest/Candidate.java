package org.rectificationhub.ingest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One document cut out of an input, not yet validated.
 *
 * @param index   position in the input, from 1
 * @param node    the document, or null when it could not be read
 * @param bytes   the document's own bytes in the input (its slice of an array), or null when they are the input's
 * @param problem why it could not be read, or null
 */
record Candidate(int index, JsonNode node, byte[] bytes, String problem) {

    static Candidate of(int index, JsonNode node) {
        return new Candidate(index, node, null, null);
    }

    static Candidate unreadable(String problem) {
        return new Candidate(1, null, null, problem);
    }
}
