package org.rectificationhub.canonical;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.LocalDate;
import java.util.Objects;

/** A rectification deadline: a date, or long-term (长期坚持) for items that stay open by design. */
public record Deadline(LocalDate date) {

    public static final String LONG_TERM = "long-term";
    private static final Deadline LONG_TERM_DEADLINE = new Deadline(null);

    public static Deadline longTerm() {
        return LONG_TERM_DEADLINE;
    }

    public static Deadline on(LocalDate date) {
        return new Deadline(Objects.requireNonNull(date));
    }

    @JsonIgnore
    public boolean isLongTerm() {
        return date == null;
    }

    @JsonCreator
    public static Deadline parse(String text) {
        return LONG_TERM.equals(text) ? LONG_TERM_DEADLINE : on(LocalDate.parse(text));
    }

    @JsonValue
    @Override
    public String toString() {
        return isLongTerm() ? LONG_TERM : date.toString();
    }
}
