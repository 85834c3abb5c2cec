package org.rectificationhub.ingest;

/**
 * One document cut out of an input, not yet validated.
 *
 * @param index   position in the input, from 1
 * @param json    the document as JSON text, or null when the input could not be cut into documents
 * @param problem why it could not be read, or null
 */
public record Candidate(int index, String json, String problem) {

    public static Candidate of(int index, String json) {
        return new Candidate(index, json, null);
    }

    public static Candidate unreadable(String problem) {
        return new Candidate(1, null, problem);
    }
}
