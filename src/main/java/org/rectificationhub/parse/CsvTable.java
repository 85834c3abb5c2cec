package org.rectificationhub.parse;

import java.util.ArrayList;
import java.util.List;

/** CSV and tab-separated ledgers (RFC 4180 quoting, fields may span lines), already decoded. */
final class CsvTable {

    private CsvTable() {
    }

    static LedgerTable read(String text, String source, ParseLimits limits) {
        char separator = separatorOf(text);
        List<LedgerTable.Row> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int record = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
            } else if (c == separator) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(cell.toString());
                cell.setLength(0);
                rows.add(new LedgerTable.Row(record++, List.copyOf(cells)));
                cells.clear();
                if (rows.size() > limits.maxRows()) {
                    throw new UnreadableInputException(source + ": more than " + limits.maxRows() + " rows; split the ledger");
                }
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new UnreadableInputException(source + ": row " + record + ": a quoted field is never closed");
        }
        if (cell.length() > 0 || !cells.isEmpty()) {
            cells.add(cell.toString());
            rows.add(new LedgerTable.Row(record, List.copyOf(cells)));
        }
        return new LedgerTable(source, rows);
    }

    /** Tab when the first lines have more tabs than commas, else comma. */
    private static char separatorOf(String text) {
        String head = text.length() > 8192 ? text.substring(0, 8192) : text;
        long tabs = head.chars().filter(c -> c == '\t').count();
        long commas = head.chars().filter(c -> c == ',').count();
        return tabs > commas ? '\t' : ',';
    }
}
