package org.rectificationhub.ingest;

import org.rectificationhub.OutputText;

/**
 * The one wording rule for what a sender is told: the field, what was wrong, what was expected; never raw
 * exception text, never more than about a kilobyte, and a value the sender sent quoted only by a short prefix.
 */
public final class Reasons {

    /**
     * What a sender is told, on every channel (a Kafka receipt, a mail reply, a file's reason), of an input the hub
     * failed on and parked ({@link Parking}): the hub's fault, never the sender's, and nothing for them to do.
     */
    public static final String PARKED = "the hub could not process it yet (its own fault, not the sender's); it is"
            + " kept and will be processed: an operator replays it once the hub is mended";
    static final int MAX_CHARS = 1000;
    private static final int QUOTE_CHARS = 40;

    private Reasons() {
    }

    /** The reason as sent back: cut at the limit, saying how much was left out. */
    public static String bounded(String reason) {
        if (reason == null) {
            return null;
        }
        if (reason.length() <= MAX_CHARS) {
            return reason;
        }
        return reason.substring(0, MAX_CHARS - 40) + " … (" + (reason.length() - MAX_CHARS + 40) + " more characters)";
    }

    /** A value from the input, quoted on one line by its first characters only, neutralised as every output is. */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        String printable = OutputText.neutralise(value.replace('\n', ' ').replace('\t', ' '));
        return printable.length() <= QUOTE_CHARS ? "'" + printable + "'"
                : "'" + printable.substring(0, QUOTE_CHARS) + "…' (" + value.length() + " characters)";
    }
}
