package org.rectificationhub.parse;

/** An input the parsers refuse; the message is the reason the sender reads (where, what was wrong). */
public class UnreadableInputException extends RuntimeException {

    public UnreadableInputException(String reason) {
        super(reason, null, false, false);
    }
}
