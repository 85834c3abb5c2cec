package org.rectificationhub;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * The one neutralising rule for text that leaves the hub (the public site, the commission's digest, mail replies,
 * reason files, Kafka receipts): bidi embedding, override and isolate controls and the direction marks (U+202A–U+202E,
 * U+2066–U+2069, U+200E, U+200F, U+061C) can make text read otherwise than it is stored, and control characters (C0
 * but tab and newline, DEL, C1) can break a line, a header or a cell; each becomes U+FFFD, so the trick is visible,
 * never applied. The text is otherwise kept as the sender wrote it: this is not escaping, which each output still
 * does its own way (HTML, XML, a spreadsheet's formulas).
 */
public final class OutputText {

    private static final char REPLACEMENT = '\uFFFD';

    private OutputText() {
    }

    /**
     * The text with every such character replaced; text with none comes back as it is, uncopied (the site writes
     * every page's text through here). Char by char: every one of them is in the Basic Multilingual Plane, and a
     * surrogate is never one of them.
     */
    public static String neutralise(String text) {
        if (text == null) {
            return null;
        }
        int first = 0;
        while (first < text.length() && !isNeutralised(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append(isNeutralised(c) ? REPLACEMENT : c);
        }
        return b.toString();
    }

    /** A writer that neutralises what passes through it, for an output written as it is made (a round's JSON). */
    public static Writer neutralising(Writer out) {
        return new FilterWriter(out) {
            @Override
            public void write(int c) throws IOException {
                out.write(isNeutralised((char) c) ? REPLACEMENT : c);
            }

            @Override
            public void write(char[] chars, int offset, int length) throws IOException {
                char[] copy = new char[length];
                for (int i = 0; i < length; i++) {
                    char c = chars[offset + i];
                    copy[i] = isNeutralised(c) ? REPLACEMENT : c;
                }
                out.write(copy, 0, length);
            }

            @Override
            public void write(String text, int offset, int length) throws IOException {
                out.write(neutralise(text.substring(offset, offset + length)));
            }
        };
    }

    /** One line (a mail subject, a header): line breaks and tabs become spaces, then the rest is neutralised. */
    public static String oneLine(String text) {
        return text == null ? null : neutralise(text.replaceAll("[\\r\\n\\t\\u2028\\u2029]+", " ").strip());
    }

    static boolean isNeutralised(char c) {
        return isBidi(c) || Character.isISOControl(c) && c != '\n' && c != '\t';
    }

    public static boolean isBidi(int cp) {
        return cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069 || cp == 0x200E || cp == 0x200F
                || cp == 0x061C;
    }
}
