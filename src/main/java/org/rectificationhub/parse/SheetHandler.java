package org.rectificationhub.parse;

import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads sheet XML cell by cell: the cached value {@code <v>} or inline text, never the formula {@code <f>}.
 * Merged ranges ({@code <mergeCell>}, after the data) are filled in at the end so every row has its category.
 * Every cell held counts against one budget, the cells a merged range will fill included, and the budget is
 * checked as each range is read, before anything is filled: a few kilobytes of ranges cannot become millions of
 * cells in memory.
 */
final class SheetHandler extends DefaultHandler {

    /** Columns a ledger can use; cells further right are never kept (no ledger has 200 columns). */
    private static final int MAX_COLUMNS = 200;
    private static final int MAX_MERGED_RANGES = 10_000;

    private final ReadOnlySharedStringsTable strings;
    private final ParseLimits limits;
    private final String source;
    private final TreeMap<Integer, TreeMap<Integer, String>> cells = new TreeMap<>();
    private final List<CellRangeAddress> merged = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private String type;
    private int row;
    private int column;
    private boolean inValue;
    private long chars;
    private long held;

    SheetHandler(ReadOnlySharedStringsTable strings, ParseLimits limits, String source) {
        this.strings = strings;
        this.limits = limits;
        this.source = source;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        switch (localName) {
            case "row":
                row = Integer.parseInt(atts.getValue("r") == null ? String.valueOf(row + 1) : atts.getValue("r"));
                if (cells.size() >= limits.maxRows()) {
                    throw new SAXException("more than " + limits.maxRows() + " rows; split the ledger");
                }
                break;
            case "c":
                String ref = atts.getValue("r");
                column = ref == null ? column + 1 : new CellReference(ref).getCol();
                type = atts.getValue("t");
                text.setLength(0);
                break;
            case "v":
            case "t":
                inValue = true;
                break;
            case "mergeCell":
                mergeRange(atts.getValue("ref"));
                break;
            default:
                break;
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (inValue) {
            chars += length;
            if (chars > limits.maxTextChars()) {
                throw new SAXException("the sheet holds more than " + limits.maxTextChars() + " characters of text");
            }
            text.append(ch, start, length);
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        if (localName.equals("v") || localName.equals("t")) {
            inValue = false;
        } else if (localName.equals("c")) {
            String value = value(text.toString());
            if (!value.isEmpty() && column < MAX_COLUMNS) {
                hold(1);
                cells.computeIfAbsent(row, r -> new TreeMap<>()).put(column, value);
            }
        }
    }

    private void mergeRange(String ref) throws SAXException {
        if (merged.size() >= MAX_MERGED_RANGES) {
            throw new SAXException("more than " + MAX_MERGED_RANGES + " merged ranges; unmerge them or split the ledger");
        }
        CellRangeAddress range = rangeOf(ref);
        hold((long) Math.max(0, lastRow(range) - range.getFirstRow())
                * Math.max(0, lastColumn(range) - range.getFirstColumn() + 1));
        merged.add(range);
    }

    private static CellRangeAddress rangeOf(String ref) throws SAXException {
        try {
            CellRangeAddress range = CellRangeAddress.valueOf(ref);
            if (range.getFirstRow() >= 0 && range.getFirstColumn() >= 0) {
                return range;
            }
        } catch (RuntimeException e) {
            // said below, in the sender's terms
        }
        String quoted = ref == null ? "without a reference" : "'" + ref.substring(0, Math.min(ref.length(), 40)) + "'";
        throw new SAXException("a merged range " + quoted + " is not a cell range such as A2:A9");
    }

    /** Counts cells against the budget before they are held; the range's first cell is counted twice, harmlessly. */
    private void hold(long more) throws SAXException {
        held += more;
        if (held > limits.maxCells()) {
            throw new SAXException("the sheet would hold more than " + limits.maxCells() + " cells once its merged"
                    + " ranges are filled; the limit is " + limits.maxCells() + " cells; unmerge them or split the ledger");
        }
    }

    /** The last row a range fills, as the map counts rows (from 1; a range counts from 0), at most the row limit down. */
    private int lastRow(CellRangeAddress range) {
        return Math.min(range.getLastRow(), range.getFirstRow() + limits.maxRows() - 1) + 1;
    }

    private static int lastColumn(CellRangeAddress range) {
        return Math.min(range.getLastColumn(), MAX_COLUMNS - 1);
    }

    private String value(String raw) {
        if ("s".equals(type)) {
            try {
                return strings.getItemAt(Integer.parseInt(raw.strip())).getString();
            } catch (RuntimeException e) {
                return "";
            }
        }
        if ("b".equals(type)) {
            return "1".equals(raw) ? "TRUE" : "FALSE";
        }
        if (type == null || "n".equals(type)) {
            return raw.endsWith(".0") ? raw.substring(0, raw.length() - 2) : raw;
        }
        return raw; // inlineStr, str (a formula's cached text), e (an error value such as #N/A)
    }

    /** The rows with merged ranges filled; filling may add rows, so the row limit is checked again. */
    List<LedgerTable.Row> rows() {
        for (CellRangeAddress range : merged) {
            Map<Integer, String> first = cells.get(range.getFirstRow() + 1);
            String value = first == null ? null : first.get(range.getFirstColumn());
            if (value == null) {
                continue;
            }
            for (int r = range.getFirstRow() + 1; r <= lastRow(range); r++) {
                for (int c = range.getFirstColumn(); c <= lastColumn(range); c++) {
                    cells.computeIfAbsent(r, k -> new TreeMap<>()).putIfAbsent(c, value);
                }
            }
        }
        if (cells.size() > limits.maxRows()) {
            throw new UnreadableInputException(source + ": more than " + limits.maxRows()
                    + " rows once merged cells are filled; split the ledger");
        }
        List<LedgerTable.Row> rows = new ArrayList<>();
        for (Map.Entry<Integer, TreeMap<Integer, String>> entry : cells.entrySet()) {
            int width = entry.getValue().lastKey() + 1;
            List<String> values = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                values.add(entry.getValue().getOrDefault(c, ""));
            }
            rows.add(new LedgerTable.Row(entry.getKey(), values));
        }
        return rows;
    }
}
