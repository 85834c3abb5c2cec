package org.rectificationhub.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One spelling for text that offices write in several: full-width punctuation in Chinese prose, ASCII digits and
 * letters, no stray spaces. The same notice typed with ASCII or full-width commas must give the same documents.
 */
final class TextNormalizer {

    private static final Pattern FURNITURE = Pattern.compile(
            ".*(版权所有|ICP备|ICP证|网站地图|Copyright|©|技术支持|主办单位|承办单位|打印本页|关闭窗口|访问量|返回顶部).*",
            Pattern.CASE_INSENSITIVE);

    /** A paragraph is at most a longText of the schema. */
    static final int MAX_LINE = 20_000;

    private TextNormalizer() {
    }

    /** Lines of a text, normalised, without blank lines and page furniture (footers, copyright, ICP, "|"). */
    static List<String> contentLines(String text) {
        List<String> lines = new ArrayList<>();
        int number = 0;
        for (String raw : text.split("\\R")) {
            number++;
            if (raw.length() > MAX_LINE) {
                throw new UnreadableInputException("line " + number + ": more than " + MAX_LINE
                        + " characters on one line; a paragraph of a notice is shorter");
            }
            String line = normalize(raw);
            // A heading is the notice's own text, whatever words it holds (一是明确主办单位责任…).
            boolean furniture = FURNITURE.matcher(line).matches() && !NoticeProblems.isHeading(line);
            if (line.isEmpty() || line.matches("[|｜\\s]+") || furniture) {
                continue;
            }
            lines.add(line);
        }
        return lines;
    }

    static String normalize(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        String s = raw.replace('\u3000', ' ').replace('\u00A0', ' ').replace("\uFEFF", "");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '\uFF10' && c <= '\uFF19' || c >= '\uFF21' && c <= '\uFF3A' || c >= '\uFF41' && c <= '\uFF5A'
                    || c == '\uFF20' || c == '\uFF05' || c == '\uFF0D') {
                c = (char) (c - 0xFEE0); // full-width digits, letters, @ % - to ASCII
            }
            out.append(c);
        }
        String ascii = pairQuotes(out.toString());
        StringBuilder result = new StringBuilder(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            char prev = i > 0 ? ascii.charAt(i - 1) : ' ';
            char next = i + 1 < ascii.length() ? ascii.charAt(i + 1) : ' ';
            result.append(fullWidth(c, prev, next));
        }
        return result.toString().replaceAll("\\s*([，。；：、（）“”‘’！？])\\s*", "$1").replaceAll("\\s{2,}", " ").strip();
    }

    /** ASCII punctuation becomes full-width unless it sits between ASCII letters or digits (1,000; 9:30; http:). */
    private static char fullWidth(char c, char prev, char next) {
        boolean asciiBothSides = isAsciiWord(prev) && isAsciiWord(next);
        switch (c) {
            case ',':
                return asciiBothSides ? c : '，';
            case ':':
                return asciiBothSides || next == '/' ? c : '：';
            case ';':
                return asciiBothSides ? c : '；';
            case '(':
                return '（';
            case ')':
                return '）';
            case '!':
                return '！';
            case '?':
                return asciiBothSides ? c : '？';
            case '．':
                return '.';
            default:
                return c;
        }
    }

    private static boolean isAsciiWord(char c) {
        return c < 0x80 && Character.isLetterOrDigit(c);
    }

    /** ASCII quotes in Chinese prose become “…” and ‘…’, paired in order. */
    private static String pairQuotes(String s) {
        if (s.indexOf('"') < 0 && s.indexOf('\'') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        boolean openDouble = true;
        boolean openSingle = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                out.append(openDouble ? '“' : '”');
                openDouble = !openDouble;
            } else if (c == '\'' && !(i > 0 && isAsciiWord(s.charAt(i - 1)) && i + 1 < s.length()
                    && isAsciiWord(s.charAt(i + 1)))) {
                out.append(openSingle ? '‘' : '’');
                openSingle = !openSingle;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A title without its closing full stop. */
    static String title(String text) {
        return text.replaceAll("[。；，\\s]+$", "");
    }
}
