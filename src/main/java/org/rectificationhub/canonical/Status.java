package org.rectificationhub.canonical;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** Rectification status of a problem or measure; the wire form is the kebab-case code. */
public enum Status {
    NOT_STARTED("not-started"),
    IN_PROGRESS("in-progress"),
    BASICALLY_COMPLETED("basically-completed"),
    COMPLETED("completed"),
    CLOSED("closed"),
    ONGOING("ongoing"),
    EXTENSION_REQUESTED("extension-requested");

    private final String code;

    Status(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static Status ofCode(String code) {
        return Arrays.stream(values())
                .filter(s -> s.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown status '" + code + "'"));
    }
}
