package org.rectificationhub.ingest;

/**
 * An input, or one document of it, that the hub will not record. The message is the reason the sender and the
 * operators read: the field, what was wrong, what was expected.
 */
public class InputRejectedException extends RuntimeException {

    public InputRejectedException(String reason) {
        super(reason, null, false, false);
    }
}
