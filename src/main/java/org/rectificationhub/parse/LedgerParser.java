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
    private static final int MAX_ITEMS = 50;
    private static final Pattern LONG_TERM = Pattern.compile(".*(长期坚持|长期整改|长期|持续整改).*");
    private static final Pattern UNITS = Pattern.compile("[、，,；;/\\n]+");
    private static final Pattern EVIDENCE = Pattern.compile("[；;\\n]+");

    private final LedgerTable table;
    private final List<String> errors = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final LedgerCategories categories = new LedgerCategories();
    private LedgerColumns.Mapping mapping;
    private List<String> headers;

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
        headers = rows.get(header).cells();
        mapping = LedgerColumns.map(headers);
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
                categories.section(TextNormalizer.normalize(only)); // a category row spanning the table
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
        problems.add(new Problem(number, categories.of(cell(row, Field.CATEGORY)), title,
                title.equals(TextNormalizer.title(description)) ? null : description,
                list(row, Field.UNITS, UNITS, 200, notes), blankToNull(cell(row, Field.LEADER)),
                blankToNull(cell(row, Field.PERSON)), deadline, status, blankToNull(progress),
                list(row, Field.EVIDENCE, EVIDENCE, 2000, notes), notes,
                MeasureSplitter.measures(cell(row, Field.MEASURES))));
    }

    private static String firstSentence(String text) {
        int stop = text.indexOf('。');
        String sentence = stop > 0 ? text.substring(0, stop) : text;
        return sentence.length() > 1000 ? sentence.substring(0, 1000) : sentence;
    }

    /** The items of a list cell, cut to the schema's sizes; a cell that does not fit is also kept whole in notes. */
    private List<String> list(LedgerTable.Row row, Field field, Pattern separators, int maxItem, Map<String, String> notes) {
        String cell = cell(row, field);
        List<String> items = new ArrayList<>();
        boolean cut = false;
        for (String item : separators.split(cell)) {
            if (!item.isBlank()) {
                cut |= item.strip().length() > maxItem;
                items.add(item.strip().length() > maxItem ? item.strip().substring(0, maxItem) : item.strip());
            }
        }
        if (cut || items.size() > MAX_ITEMS) {
            notes.put(headers.get(mapping.fields().get(field)).strip(), cell);
        }
        return items.size() > MAX_ITEMS ? items.subList(0, MAX_ITEMS) : items;
    }

    private static String blankToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
