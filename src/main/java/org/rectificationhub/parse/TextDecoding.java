package org.rectificationhub.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The one way the hub turns bytes into text. Errors are reported, never replaced with U+FFFD: a silently
 * damaged problem text would be recorded in a hash-chained ledger for good.
 */
public final class TextDecoding {

    /** Chinese mail clients label text gb2312 while using GBK-only characters; GB18030 is their superset. */
    public static final Charset GB18030 = Charset.forName("GB18030");

    public record Decoded(String text, String charset) {
    }

    private TextDecoding() {
    }

    /**
     * Decodes with the declared charset when there is one, else detects: BOM, strict UTF-8, then GB18030.
     * The decoded text is then checked for NUL and bidirectional control characters.
     */
    public static Decoded decode(byte[] bytes, String declaredCharset) {
        Decoded decoded = decodeOnly(bytes, declaredCharset);
        checkControls(decoded.text());
        return decoded;
    }

    /** Strict UTF-8 (a BOM is skipped), as canonical JSON requires. */
    public static String utf8(byte[] bytes) throws CharacterCodingException {
        int offset = hasUtf8Bom(bytes) ? 3 : 0;
        return strict(StandardCharsets.UTF_8, bytes, offset);
    }

    private static Decoded decodeOnly(byte[] bytes, String declaredCharset) {
        if (hasUtf8Bom(bytes)) {
            return attempt(StandardCharsets.UTF_8, bytes, 3);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF) {
            return attempt(StandardCharsets.UTF_16BE, bytes, 2);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE) {
            return attempt(StandardCharsets.UTF_16LE, bytes, 2);
        }
        if (declaredCharset != null && !declaredCharset.isBlank()) {
            return attempt(charsetFor(declaredCharset), bytes, 0);
        }
        try {
            return new Decoded(strict(StandardCharsets.UTF_8, bytes, 0), "UTF-8");
        } catch (CharacterCodingException notUtf8) {
            try {
                String text = strict(GB18030, bytes, 0);
                if (looksChinese(text)) {
                    return new Decoded(text, GB18030.name());
                }
            } catch (CharacterCodingException notGb) {
                // fall through: neither reading is plausible
            }
            throw new UnreadableInputException("the text is neither valid UTF-8 (" + describe(notUtf8, bytes)
                    + ") nor GB18030/GBK; save it as UTF-8 or GB18030");
        }
    }

    static Charset charsetFor(String label) {
        String name = label.strip().toLowerCase(Locale.ROOT).replace("\"", "");
        if (name.equals("gb2312") || name.equals("gbk") || name.equals("cp936") || name.equals("x-gbk")
                || name.equals("gb18030") || name.equals("euc-cn")) {
            return GB18030;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new UnreadableInputException("unknown character set '" + label + "'");
        }
    }

    private static Decoded attempt(Charset charset, byte[] bytes, int offset) {
        try {
            return new Decoded(strict(charset, bytes, offset), charset.name());
        } catch (CharacterCodingException e) {
            throw new UnreadableInputException("the text is not valid " + charset.name() + " ("
                    + describe(e, bytes) + ")");
        }
    }

    private static String strict(Charset charset, byte[] bytes, int offset) throws CharacterCodingException {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
                .toString();
    }

    private static boolean hasUtf8Bom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
    }

    /** GB18030 decodes almost any byte soup; only accept it when the non-ASCII text is mostly Han or CJK punctuation. */
    private static boolean looksChinese(String text) {
        long nonAscii = text.codePoints().filter(c -> c > 0x7f).count();
        long cjk = text.codePoints().filter(c -> c > 0x7f && (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x2010 && c <= 0x2027))).count();
        return nonAscii > 0 && cjk * 10 >= nonAscii * 9;
    }

    private static String describe(CharacterCodingException e, byte[] bytes) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** NUL is never text; bidi controls can make a line read differently from what it says (Trojan Source). */
    static void checkControls(String text) {
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c == '\0') {
                throw new UnreadableInputException("line " + line + ": the text contains a NUL character");
            } else if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E'
                    || c == '\u200F') {
                throw new UnreadableInputException(String.format(
                        "line %d: the text contains the bidirectional control character U+%04X, which can make it"
                                + " display differently from what it says; remove it and send again", line, (int) c));
            }
        }
    }
}
