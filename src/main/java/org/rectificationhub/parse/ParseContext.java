package org.rectificationhub.parse;

import java.time.Clock;

/**
 * What a channel knows about an input besides its bytes.
 *
 * @param department      the sending department: the documents' department field
 * @param roundId         the round the input belongs to when it does not say (a --round option, Department.round)
 * @param declaredCharset the charset a mail part declares, or null to detect
 * @param limits          size, row and text limits
 * @param clock           "now" for inputs without a date of their own
 */
public record ParseContext(String department, String roundId, String declaredCharset, ParseLimits limits,
                           Clock clock) {

    public ParseContext {
        limits = limits == null ? ParseLimits.DEFAULTS : limits;
        clock = clock == null ? Clock.systemUTC() : clock;
    }

    public static ParseContext of(String department, String roundId) {
        return new ParseContext(department, roundId, null, ParseLimits.DEFAULTS, Clock.systemUTC());
    }
}
