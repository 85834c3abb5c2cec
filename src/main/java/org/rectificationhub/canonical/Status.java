package org.rectificationhub.canonical;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** Rectification status of a problem or measure; the wire form is the kebab-case code. */
public enum Status {
    NOT_STARTED("not-started", "未启动"),
    IN_PROGRESS("in-progress", "正在整改"),
    BASICALLY_COMPLETED("basically-completed", "基本完成"),
    COMPLETED("completed", "已完成"),
    CLOSED("closed", "已销号"),
    ONGOING("ongoing", "长期坚持"),
    EXTENSION_REQUESTED("extension-requested", "申请延期");

    private final String code;
    private final String word;

    Status(String code, String word) {
        this.code = code;
        this.word = word;
    }

    /** The word a notice or a ledger uses for it, as the hub writes it (the parsers read many more). */
    public String word() {
        return word;
    }

    /** The word for a status code; an unknown code is shown as it is. */
    public static String wordOf(String code) {
        return code == null ? "" : Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst()
                .map(Status::word).orElse(code);
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
