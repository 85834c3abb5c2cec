package org.rectificationhub.parse;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A Word report: its text paragraph by paragraph (table rows as tab-separated lines) for the notice parser, and
 * its first table with the paragraphs above it as title rows, for a report that carries its ledger as a table.
 */
final class DocxText {

    record Content(String text, LedgerTable table) {
    }

    private DocxText() {
    }

    static Content read(byte[] bytes, String source, ParseLimits limits) {
        XlsxTable.tightenPoi();
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(bytes));
             XWPFDocument doc = new XWPFDocument(pkg)) {
            StringBuilder text = new StringBuilder();
            List<LedgerTable.Row> rows = new ArrayList<>();
            boolean tableSeen = false;
            for (IBodyElement element : doc.getBodyElements()) {
                if (element instanceof XWPFParagraph) {
                    String paragraph = ((XWPFParagraph) element).getText();
                    text.append(paragraph).append('\n');
                    if (!tableSeen && !paragraph.isBlank()) {
                        rows.add(new LedgerTable.Row(rows.size() + 1, List.of(paragraph)));
                    }
                } else if (element instanceof XWPFTable) {
                    for (XWPFTableRow row : ((XWPFTable) element).getRows()) {
                        List<String> cells = new ArrayList<>();
                        for (XWPFTableCell cell : row.getTableCells()) {
                            text.append(cell.getText().replace('\n', ' ')).append('\t');
                            cells.add(cell.getText());
                        }
                        text.append('\n');
                        if (!tableSeen && rows.size() < limits.maxRows()) {
                            rows.add(new LedgerTable.Row(rows.size() + 1, cells));
                        }
                    }
                    tableSeen = true;
                }
                if (text.length() > limits.maxTextChars()) {
                    throw new UnreadableInputException(source + ": the document holds more than "
                            + limits.maxTextChars() + " characters of text");
                }
            }
            String result = text.toString();
            TextDecoding.checkControls(result);
            return new Content(result, tableSeen ? new LedgerTable(source, rows) : null);
        } catch (UnreadableInputException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new UnreadableInputException(source + ": cannot read the Word document: it is damaged or not a .docx"
                    + " file that Word or WPS saved; expected a .docx document");
        }
    }
}
