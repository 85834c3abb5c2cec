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
 */
final class SheetHandler extends DefaultHandler {

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
                if (merged.size() < 10_000) {
                    merged.add(CellRangeAddress.valueOf(atts.getValue("ref")));
                }
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
    public void endElement(String uri, String localName, String qName) {
        if (localName.equals("v") || localName.equals("t")) {
            inValue = false;
        } else if (localName.equals("c")) {
            String value = value(text.toString());
            if (!value.isEmpty()) {
                cells.computeIfAbsent(row, r -> new TreeMap<>()).put(column, value);
            }
        }
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

    List<LedgerTable.Row> rows() {
        for (CellRangeAddress range : merged) {
            Map<Integer, String> first = cells.get(range.getFirstRow() + 1);
            String value = first == null ? null : first.get(range.getFirstColumn());
            if (value == null) {
                continue;
            }
            for (int r = range.getFirstRow() + 1; r <= Math.min(range.getLastRow() + 1, range.getFirstRow() + limits.maxRows()); r++) {
                for (int c = range.getFirstColumn(); c <= Math.min(range.getLastColumn(), range.getFirstColumn() + 100); c++) {
                    cells.computeIfAbsent(r, k -> new TreeMap<>()).putIfAbsent(c, value);
                }
            }
        }
        List<LedgerTable.Row> rows = new ArrayList<>();
        for (Map.Entry<Integer, TreeMap<Integer, String>> entry : cells.entrySet()) {
            int width = Math.min(entry.getValue().lastKey() + 1, 200);
            List<String> values = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                values.add(entry.getValue().getOrDefault(c, ""));
            }
            rows.add(new LedgerTable.Row(entry.getKey(), values));
        }
        return rows;
    }
}
