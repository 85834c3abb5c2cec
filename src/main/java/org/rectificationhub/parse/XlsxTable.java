package org.rectificationhub.parse;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Iterator;

/**
 * The first sheet of an .xlsx, streamed (never a whole workbook in memory). Formulas are never evaluated: a cell
 * is its cached value, and text starting with = + - @ stays text.
 */
final class XlsxTable {

    /** Tightens POI's zip defences, never loosens them: the ratio stays at least POI's default. Idempotent. */
    static void tightenPoi() {
        ZipSecureFile.setMinInflateRatio(Math.max(ZipSecureFile.getMinInflateRatio(), 0.01));
        ZipSecureFile.setMaxEntrySize(Math.min(ZipSecureFile.getMaxEntrySize(), 100L * 1024 * 1024));
    }

    private XlsxTable() {
    }

    static LedgerTable read(byte[] bytes, String source, ParseLimits limits) {
        tightenPoi();
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(bytes))) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new UnreadableInputException(source + ": the workbook has no sheet");
            }
            SheetHandler handler = new SheetHandler(strings, limits, source);
            try (InputStream sheet = sheets.next()) {
                XMLReader xml = secureParser();
                xml.setContentHandler(handler);
                xml.parse(new org.xml.sax.InputSource(sheet));
            }
            return new LedgerTable(source, handler.rows());
        } catch (UnreadableInputException e) {
            throw e;
        } catch (org.xml.sax.SAXParseException e) {
            // The XML parser's own complaint (damage, a DOCTYPE): where, not its words.
            throw new UnreadableInputException(source + ": the sheet XML is damaged or holds what a workbook may not"
                    + " (a DOCTYPE or entity) at line " + e.getLineNumber() + "; expected an .xlsx saved by Excel or WPS");
        } catch (SAXException e) {
            // Thrown by SheetHandler with a reason of its own (a limit).
            throw new UnreadableInputException(source + ": " + (e.getMessage() == null ? "the sheet XML is damaged" : e.getMessage()));
        } catch (Exception | LinkageError e) {
            throw new UnreadableInputException(source + ": cannot read the workbook: it is damaged or not an .xlsx"
                    + " file that Excel or WPS saved; expected an .xlsx workbook");
        }
    }

    static XMLReader secureParser() throws Exception {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setXIncludeAware(false);
        return factory.newSAXParser().getXMLReader();
    }
}
