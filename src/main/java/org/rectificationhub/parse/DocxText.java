package org.rectificationhub.parse;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

import java.io.ByteArrayInputStream;

/** The text of a Word report, paragraph by paragraph (table rows as tab-separated lines), for the notice parser. */
final class DocxText {

    private DocxText() {
    }

    static String read(byte[] bytes, String source, ParseLimits limits) {
        XlsxTable.tightenPoi();
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(bytes));
             XWPFDocument doc = new XWPFDocument(pkg)) {
            StringBuilder text = new StringBuilder();
            for (IBodyElement element : doc.getBodyElements()) {
                if (element instanceof XWPFParagraph) {
                    text.append(((XWPFParagraph) element).getText()).append('\n');
                } else if (element instanceof XWPFTable) {
                    for (XWPFTableRow row : ((XWPFTable) element).getRows()) {
                        for (XWPFTableCell cell : row.getTableCells()) {
                            text.append(cell.getText().replace('\n', ' ')).append('\t');
                        }
                        text.append('\n');
                    }
                }
                if (text.length() > limits.maxTextChars()) {
                    throw new UnreadableInputException(source + ": the document holds more than "
                            + limits.maxTextChars() + " characters of text");
                }
            }
            String result = text.toString();
            TextDecoding.checkControls(result);
            return result;
        } catch (UnreadableInputException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new UnreadableInputException(source + ": cannot read the Word document (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }
}
