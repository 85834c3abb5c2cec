package org.rectificationhub.ingest.file;

import java.nio.charset.StandardCharsets;

/**
 * The names the file channel takes: letters of any script (CJK included), digits, space and a little punctuation,
 * at most 200 bytes. No backslash (Camel reads it as a separator on every platform and would move another file),
 * no slash or colon, no control or bidi characters (they disguise a name), no leading or trailing space. The bound
 * leaves room for the time stamp and ".reason.txt" the hub adds within the 255 bytes a file system allows.
 */
final class SafeNames {

    static final int MAX_BYTES = 200;
    /** What the hub names the explanation beside a rejected file: never a sender's file. */
    static final String REASON_SUFFIX = ".reason.txt";
    static final String PUNCTUATION = " ._-()[]+,（）【】《》「」、，：；·—～＿－＋";
    private static final int SAFE_VERSION_CHARS = 60;

    private SafeNames() {
    }

    /** Null when the name is safe to take, move and show; else what is wrong with it, in the sender's terms. */
    static String problem(String name) {
        if (name.isEmpty()) {
            return "the name is empty";
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "the name is longer than " + MAX_BYTES + " bytes";
        }
        if (name.startsWith(" ") || name.endsWith(" ") || name.endsWith(".")) {
            return "the name starts or ends with a space, or ends with a dot";
        }
        int unsafe = name.codePoints().filter(c -> !isSafe(c)).findFirst().orElse(-1);
        return unsafe < 0 ? null : "the name holds " + describe(unsafe) + "; names may hold letters, digits, spaces"
                + " and " + PUNCTUATION.strip();
    }

    /**
     * True for a name only the hub writes (a reason file): a sender's file so named could pass for the hub's own
     * explanation once moved, so it is moved aside like an unsafe name rather than taken or left in the inbox.
     */
    static boolean isTheHubs(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).endsWith(REASON_SUFFIX);
    }

    /** The name with every unsafe character replaced by '_' and cut short: what an entry moved aside is called. */
    static String safeVersion(String name) {
        StringBuilder safe = new StringBuilder();
        name.codePoints().limit(SAFE_VERSION_CHARS).forEach(c -> safe.appendCodePoint(isSafe(c) && c != ' ' ? c : '_'));
        String result = safe.toString().replaceAll("^[._]+|\\.+$", "");
        return result.isEmpty() ? "entry" : result;
    }

    /** The name as logs and reason files show it: each unsafe character as \\uXXXX, so nothing in it disguises. */
    static String shown(String name) {
        StringBuilder shown = new StringBuilder();
        name.codePoints().limit(SAFE_VERSION_CHARS).forEach(c -> {
            if (isSafe(c)) {
                shown.appendCodePoint(c);
            } else {
                shown.append(String.format("\\u%04X", c));
            }
        });
        return name.codePointCount(0, name.length()) > SAFE_VERSION_CHARS ? shown + "…" : shown.toString();
    }

    private static boolean isSafe(int c) {
        int type = Character.getType(c);
        return Character.isLetterOrDigit(c) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK || PUNCTUATION.indexOf(c) >= 0;
    }

    private static String describe(int c) {
        if (c == '\\') {
            return "a backslash";
        }
        if (c == '/') {
            return "a slash";
        }
        String kind = Character.isISOControl(c) ? "a control character" : Character.getType(c) == Character.FORMAT
                ? "an invisible formatting character" : "the character";
        return String.format("%s U+%04X", kind, c);
    }
}
