package org.rectificationhub.parse;

import org.rectificationhub.canonical.Deadline;
import org.rectificationhub.canonical.RoundRegistration.Category;
import org.rectificationhub.canonical.RoundRegistration.Problem;
import org.rectificationhub.canonical.Status;
import org.rectificationhub.parse.LedgerColumns.Field;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rectification ledger (整改台账): title rows, a header row, one row per problem. Every cell ends somewhere:
 * in a canonical field, or in the problem's notes under its header. A row that cannot be read is an error with
 * its row number; the ledger is then refused whole.
 */
final class LedgerParser {

    record Reading(RoundFacts facts, List<Problem> problems, List<String> errors) {
    }

    private static final int HEADER_SEARCH_ROWS = 15;
    private static final int MAX_CELL = 20_000;
    private static final Pattern NUMBERED_TITLE = Pattern.compile("^[（(]?([一二三四五六七八九十]{1,3})[）)、.]\\s*(.+)$");
    private static final Pattern LONG_TERM = Pattern.compile(".*(长期坚持|长期整改|长期|持续整改).*");
    private static final Pattern LIST_SEPARATORS = Pattern.compile("[、，,；;/\\n]+");

    private final LedgerTable table;
    private final List<String> errors = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Integer> categories = new LinkedHashMap<>();
    private LedgerColumns.Mapping mapping;
    private String sectionCategory;

    private LedgerParser(LedgerTable table) {
        this.table = table;
    }

    static Reading parse(LedgerTable table) {
        return new LedgerParser(table).read();
    }

    private Reading read() {
        List<LedgerTable.Row> rows = table.rows();
        int header = -1;
        for (int i = 0; i < Math.min(rows.size(), HEADER_SEARCH_ROWS) && header < 0; i++) {
            if (LedgerColumns.isHeader(rows.get(i).cells())) {
                header = i;
            }
        }
        if (header < 0) {
            errors.add(table.source() + ": no header row found in the first " + HEADER_SEARCH_ROWS + " rows; expected"
                    + " columns such as 序号, 问题描述, 整改措施, 责任单位, 整改时限");
            return new Reading(RoundFacts.none(), List.of(), errors);
        }
        mapping = LedgerColumns.map(rows.get(header).cells());
        StringBuilder title = new StringBuilder();
        for (LedgerTable.Row row : rows.subList(0, header)) {
            String previous = null;
            for (String cell : row.cells()) {
                if (!cell.isBlank() && !cell.equals(previous)) {
                    title.append(TextNormalizer.normalize(cell)).append('\n');
                }
                previous = cell;
            }
        }
        for (LedgerTable.Row row : rows.subList(header + 1, rows.size())) {
            if (!row.isBlank()) {
                readRow(row);
            }
        }
        String titleText = title.length() > 4000 ? title.substring(0, 4000) : title.toString();
        return new Reading(NoticeOpening.read(titleText), problems, errors);
    }

    private String cell(LedgerTable.Row row, Field field) {
        Integer column = mapping.fields().get(field);
        return column == null ? "" : TextNormalizer.normalize(row.cell(column));
    }

    private void readRow(LedgerTable.Row row) {
        String where = table.source() + ": row " + row.number();
        for (String c : row.cells()) {
            if (c != null && c.length() > MAX_CELL) {
                errors.add(where + ": a cell holds more than " + MAX_CELL + " characters");
                return;
            }
        }
        String description = cell(row, Field.DESCRIPTION);
        if (description.isEmpty()) {
            String only = row.cells().stream().filter(c -> !c.isBlank()).distinct().count() == 1
                    ? row.cells().stream().filter(c -> !c.isBlank()).findFirst().orElse("") : "";
            if (!only.isEmpty()) {
                sectionCategory = TextNormalizer.normalize(only); // a category row spanning the table
                return;
            }
            errors.add(where + ": no problem description (问题描述) in a row that has other cells filled");
            return;
        }
        int number = problems.size() + 1;
        String numberCell = cell(row, Field.NUMBER);
        if (!numberCell.isEmpty()) {
            if (!numberCell.matches("\\d{1,5}(\\.0+)?")) {
                errors.add(where + ", column 序号: '" + numberCell + "' is not a problem number");
                return;
            }
            number = (int) Double.parseDouble(numberCell);
            int n = number;
            if (number < 1 || problems.stream().anyMatch(p -> p.problemNo() == n)) {
                errors.add(where + ", column 序号: problem number " + number + " is zero or appears twice");
                return;
            }
        }
        Deadline deadline = null;
        String deadlineCell = cell(row, Field.DEADLINE);
        if (!deadlineCell.isEmpty()) {
            Optional<java.time.LocalDate> date = ChineseDates.parseCell(deadlineCell);
            if (date.isPresent()) {
                deadline = Deadline.on(date.get());
            } else if (LONG_TERM.matcher(deadlineCell).matches()) {
                deadline = Deadline.longTerm();
            } else {
                errors.add(where + ", column 整改时限: '" + deadlineCell + "' is not a date (2024年12月31日, 2024-12-31,"
                        + " 2024.12.31, 2024/12/31) or 长期坚持");
                return;
            }
        }
        Status status = null;
        String statusCell = cell(row, Field.STATUS);
        String progress = cell(row, Field.PROGRESS);
        if (!statusCell.isEmpty()) {
            Optional<Status> s = StatusWords.ofCell(statusCell);
            if (s.isEmpty()) {
                errors.add(where + ", column 整改状态: '" + statusCell + "' is not a status word (e.g. 正在整改, 已完成,"
                        + " 长期坚持, 申请延期)");
                return;
            }
            status = s.get();
        } else if (!progress.isEmpty()) {
            status = StatusWords.find(progress).orElse(null);
        }
        Map<String, String> notes = new LinkedHashMap<>();
        mapping.others().forEach((column, header) -> {
            String value = row.cell(column);
            if (!value.isEmpty()) {
                notes.put(header, value);
            }
        });
        String title = TextNormalizer.title(firstSentence(description));
        problems.add(new Problem(number, category(row), title, title.equals(TextNormalizer.title(description)) ? null : description,
                list(cell(row, Field.UNITS)), blankToNull(cell(row, Field.LEADER)), blankToNull(cell(row, Field.PERSON)),
                deadline, status, blankToNull(progress), list(cell(row, Field.EVIDENCE)), notes,
                MeasureSplitter.measures(cell(row, Field.MEASURES))));
    }

    /**
     * The category column, else the last category seen (a merged cell exported to CSV is blank below its first
     * row), else a category row; numbered by first sight.
     */
    private Category category(LedgerTable.Row row) {
        String text = cell(row, Field.CATEGORY);
        if (text.isEmpty()) {
            text = sectionCategory == null ? "未分类" : sectionCategory;
        } else {
            sectionCategory = text;
        }
        Matcher numbered = NUMBERED_TITLE.matcher(text);
        String title = TextNormalizer.title(numbered.matches() ? numbered.group(2) : text);
        if (title.length() > 500) {
            title = title.substring(0, 500);
        }
        Integer no = categories.get(title);
        if (no == null) {
            no = numbered.matches() && Numbering.chinese(numbered.group(1)) > 0 ? Numbering.chinese(numbered.group(1))
                    : categories.size() + 1;
            categories.put(title, no);
        }
        return new Category(no, title);
    }

    private static String firstSentence(String text) {
        int stop = text.indexOf('。');
        String sentence = stop > 0 ? text.substring(0, stop) : text;
        return sentence.length() > 1000 ? sentence.substring(0, 1000) : sentence;
    }

    private static List<String> list(String cell) {
        List<String> items = new ArrayList<>();
        for (String item : LIST_SEPARATORS.split(cell)) {
            if (!item.isBlank() && items.size() < 50) {
                items.add(item.strip().length() > 200 ? item.strip().substring(0, 200) : item.strip());
            }
        }
        return items;
    }

    private static String blankToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
