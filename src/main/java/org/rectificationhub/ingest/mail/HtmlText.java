package org.rectificationhub.ingest.mail;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTML mail body reduced to its text for the notice parser: scripts, styles and comments dropped, block ends as
 * line breaks, tags removed, entities decoded. Nothing is fetched and nothing rendered; the text is only read.
 */
final class HtmlText {

    private static final Pattern HIDDEN = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</(p|div|li|tr|h[1-6]|table)\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#\\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");

    private HtmlText() {
    }

    static String of(String html) {
        String text = HIDDEN.matcher(html).replaceAll("");
        text = BREAK.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(entity(m.group(1))));
        }
        m.appendTail(out);
        return out.toString().replace('\u00A0', ' ').replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n")
                .strip();
    }

    private static String entity(String name) {
        if (name.startsWith("#")) {
            int cp = name.charAt(1) == 'x' || name.charAt(1) == 'X' ? Integer.parseInt(name.substring(2), 16)
                    : Integer.parseInt(name.substring(1));
            return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : "\uFFFD";
        }
        return switch (name) {
            case "nbsp" -> " ";
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "ldquo" -> "“";
            case "rdquo" -> "”";
            case "mdash" -> "—";
            default -> "&" + name + ";";
        };
    }
}
