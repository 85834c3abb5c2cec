package org.rectificationhub.publish;

import org.rectificationhub.OutputText;
import org.rectificationhub.canonical.Status;

import java.util.Locale;

/**
 * A small HTML writer: every text goes through {@link #text} (escaped, bidi and control characters neutralised by {@link OutputText}), every attribute
 * through {@link #attr}, links through {@link #href} (relative or http(s) only). Pages carry no script at all.
 */
final class Html {

    private final StringBuilder out = new StringBuilder(8192);

    /** Opens a page: lang zh-CN, UTF-8, phone viewport, the one stylesheet; {@code root} leads back to /public/. */
    static Html page(String title, String root) {
        Html html = new Html();
        html.raw("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .raw("<title>").text(title).raw("</title>\n")
                .raw("<link rel=\"stylesheet\" href=\"").attr(root + "site.css").raw("\">\n</head>\n<body>\n");
        return html;
    }

    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    Html text(Object value) {
        out.append(escape(value == null ? "" : String.valueOf(value)));
        return this;
    }

    Html attr(String value) {
        return text(value);
    }

    /** An element with text content: {@code el("h2", "class", "…")}. */
    Html el(String tag, Object content) {
        return raw("<" + tag + ">").text(content).raw("</" + tag.split(" ")[0] + ">");
    }

    Html link(String href, Object content) {
        return raw("<a href=\"").attr(href(href)).raw("\">").text(content).raw("</a>");
    }

    /** Relative links the hub writes, or http(s) URLs; anything else (javascript:, data:, …) becomes inert "#". */
    static String href(String url) {
        if (url == null) {
            return "#";
        }
        String u = OutputText.neutralise(url).strip();
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return u;
        }
        boolean relative = !u.contains(":") && !u.startsWith("//") && !u.contains("\\");
        return relative ? u : "#";
    }

    static String status(String code) {
        return Status.wordOf(code);
    }

    /** HTML-escapes, after neutralising bidi and control characters ({@link OutputText}). Text with nothing to change comes back as it is. */
    static String escape(String text) {
        String s = OutputText.neutralise(text);
        int first = 0;
        while (first < s.length() && "&<>\"'".indexOf(s.charAt(first)) < 0) {
            first++;
        }
        if (first == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    String end() {
        return out.append("</body>\n</html>\n").toString();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
