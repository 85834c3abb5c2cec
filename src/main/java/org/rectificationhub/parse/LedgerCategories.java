package org.rectificationhub.parse;

import org.rectificationhub.canonical.RoundRegistration.Category;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Categories of a ledger as its rows meet them: from the category column, else the last one seen (a merged cell
 * exported to CSV is blank below its first row), else a category row spanning the table. Numbered by their own
 * （一） numbering when they have one, else by first sight.
 */
final class LedgerCategories {

    static final String UNCLASSIFIED = "未分类";
    private static final Pattern NUMBERED = Pattern.compile("^[（(]?([一二三四五六七八九十]{1,3})[）)、.]\\s*(.+)$");
    private static final int MAX_TITLE = 500;

    private final Map<String, Integer> numbers = new LinkedHashMap<>();
    private String current;

    /** A row that holds nothing but a category heading. */
    void section(String heading) {
        current = heading;
    }

    Category of(String cell) {
        String text = cell.isEmpty() ? (current == null ? UNCLASSIFIED : current) : cell;
        current = text;
        Matcher numbered = NUMBERED.matcher(text);
        String title = TextNormalizer.title(numbered.matches() ? numbered.group(2) : text);
        if (title.length() > MAX_TITLE) {
            title = title.substring(0, MAX_TITLE);
        }
        Integer no = numbers.get(title);
        if (no == null) {
            int own = numbered.matches() ? Numbering.chinese(numbered.group(1)) : -1;
            no = own > 0 ? own : numbers.size() + 1;
            numbers.put(title, no);
        }
        return new Category(no, title);
    }
}
