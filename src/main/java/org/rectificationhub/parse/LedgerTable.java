package org.rectificationhub.parse;

import java.util.List;

/**
 * A ledger as rows of cell text, whatever file it came from; merged cells already carry their value in every
 * cell they span.
 *
 * @param source the file name, for error messages
 */
record LedgerTable(String source, List<Row> rows) {

    /** One row; number is as the sender sees it (spreadsheet row, CSV record counted from 1). */
    record Row(int number, List<String> cells) {

        String cell(int column) {
            return column >= 0 && column < cells.size() && cells.get(column) != null ? cells.get(column).strip() : "";
        }

        boolean isBlank() {
            return cells.stream().allMatch(c -> c == null || c.isBlank());
        }
    }

    LedgerTable {
        rows = List.copyOf(rows);
    }
}
