package org.rectificationhub.parse;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads word/document.xml element by element, never as a whole document in memory: a DOM of a 400 KB .docx holding
 * 10 MB of tiny paragraphs exhausts a 256 MB heap. It keeps what the Word reader needs and no more, each bounded
 * as it grows: the text (paragraphs, table rows as tab-separated lines) and the first table with the paragraphs
 * above it. As Word's own text extraction does, a cell's paragraphs run together, deleted text, field codes and
 * text boxes are left out, tabs and line breaks are kept.
 */
final class DocxHandler extends DefaultHandler {

    private static final Set<String> WORD = Set.of("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
            "http://purl.oclc.org/ooxml/wordprocessingml/main");

    private final ParseLimits limits;
    private final StringBuilder text = new StringBuilder();
    private final List<LedgerTable.Row> rows = new ArrayList<>();
    private final StringBuilder paragraph = new StringBuilder();
    private List<String> row;
    private StringBuilder cell;
    private int tables;
    private int paragraphs;
    private int runs;
    private int textBoxes;
    private boolean inText;
    private boolean tableSeen;
    private long cells;
    private long lines;

    DocxHandler(ParseLimits limits) {
        this.limits = limits;
    }

    String text() {
        return text.toString();
    }

    /** The paragraphs above the first table as title rows, then its rows; null when the document has no table. */
    List<LedgerTable.Row> table() {
        return tableSeen ? rows : null;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        if (!WORD.contains(uri) || textBoxes > 0 && !localName.equals("txbxContent")) {
            return;
        }
        switch (localName) {
            case "txbxContent" -> textBoxes++;
            case "tbl" -> tables++;
            case "tr" -> row = tables == 1 ? new ArrayList<>() : row;
            case "tc" -> startCell();
            case "p" -> paragraphs++;
            case "r" -> runs++;
            case "t" -> inText = paragraphs > 0;
            // Only in a run: w:tab in a paragraph's properties is a tab stop, not a tab.
            case "tab", "ptab" -> append(runs > 0 ? "\t" : "");
            case "br", "cr" -> append(runs > 0 ? "\n" : "");
            default -> {
            }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (inText && textBoxes == 0) {
            append(new String(ch, start, length));
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        if (!WORD.contains(uri)) {
            return;
        }
        if (localName.equals("txbxContent")) {
            textBoxes--;
        } else if (textBoxes == 0) {
            switch (localName) {
                case "t" -> inText = false;
                case "r" -> runs--;
                case "p" -> endParagraph();
                case "tc" -> endCell();
                case "tr" -> endRow();
                case "tbl" -> tableSeen |= --tables == 0;
                default -> {
                }
            }
        }
    }

    private void startCell() throws SAXException {
        if (tables == 1) {
            if (++cells > limits.maxCells()) {
                throw new SAXException("the document's tables hold more than " + limits.maxCells() + " cells; the"
                        + " limit is " + limits.maxCells() + " cells; split the document");
            }
            cell = new StringBuilder();
        }
    }

    private void append(String more) throws SAXException {
        if (paragraphs == 0) {
            return;
        }
        bound(paragraph.length() + more.length());
        paragraph.append(more);
    }

    /** Text held so far, plus what is about to be, within the text limit: checked as it grows, never after. */
    private void bound(long more) throws SAXException {
        if (text.length() + (cell == null ? 0 : cell.length()) + more > limits.maxTextChars()) {
            throw new SAXException("the document holds more than " + limits.maxTextChars() + " characters of text");
        }
    }

    private void endParagraph() throws SAXException {
        if (--paragraphs > 0) {
            return; // paragraphs do not nest outside text boxes; counted anyway, so a malformed one changes nothing
        }
        bound(paragraph.length() + 1);
        String done = paragraph.toString();
        paragraph.setLength(0);
        if (tables == 0) {
            line();
            text.append(done).append('\n');
            if (!tableSeen && !done.isBlank() && rows.size() < limits.maxRows()) {
                rows.add(new LedgerTable.Row(rows.size() + 1, List.of(done)));
            }
        } else if (tables == 1 && cell != null) {
            cell.append(done);
        }
    }

    /**
     * A line of text more, within what a notice holds (the limit the notice reader applies to the whole text): a
     * document of a million one-letter paragraphs is refused as it is read, not after seconds of reading it all.
     */
    private void line() throws SAXException {
        if (++lines > limits.maxRows() * 4L) {
            throw new SAXException("more than " + limits.maxRows() * 4L + " lines is more than a notice holds;"
                    + " split the document");
        }
    }

    private void endCell() throws SAXException {
        if (tables == 1 && cell != null && row != null) {
            bound(1);
            row.add(cell.toString());
            text.append(cell.toString().replace('\n', ' ')).append('\t');
            cell = null;
        }
    }

    private void endRow() throws SAXException {
        if (tables == 1 && row != null) {
            bound(1);
            line();
            text.append('\n');
            if (!tableSeen && rows.size() < limits.maxRows()) {
                rows.add(new LedgerTable.Row(rows.size() + 1, List.copyOf(row)));
            }
            row = null;
        }
    }
}
