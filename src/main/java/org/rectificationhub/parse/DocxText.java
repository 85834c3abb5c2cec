package org.rectificationhub.parse;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

import java.io.InputStream;

/**
 * A Word report: its text paragraph by paragraph (table rows as tab-separated lines) for the notice parser, and
 * its first table with the paragraphs above it as title rows, for a report that carries its ledger as a table.
 * The document part is streamed straight out of the zip (checked by {@link ZipInspector} before), never held as a
 * document in memory.
 */
final class DocxText {

    private static final String DOCUMENT = "word/document.xml";

    record Content(String text, LedgerTable table) {
    }

    private DocxText() {
    }

    static Content read(byte[] bytes, String source, ParseLimits limits) {
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get()) {
            ZipArchiveEntry entry = zip.getEntry(DOCUMENT);
            if (entry == null) {
                throw new UnreadableInputException(source + ": the Word document has no " + DOCUMENT);
            }
            DocxHandler handler = new DocxHandler(limits);
            XMLReader xml = XlsxTable.secureParser();
            xml.setContentHandler(handler);
            try (InputStream in = zip.getInputStream(entry)) {
                xml.parse(new InputSource(in));
            }
            String text = handler.text();
            TextDecoding.checkControls(text);
            return new Content(text, handler.table() == null ? null : new LedgerTable(source, handler.table()));
        } catch (UnreadableInputException e) {
            throw e;
        } catch (SAXParseException e) {
            throw new UnreadableInputException(source + ": the document XML is damaged or holds what a Word document"
                    + " may not (a DOCTYPE or entity) at line " + e.getLineNumber() + "; expected a .docx document");
        } catch (SAXException e) {
            // Thrown by DocxHandler with a reason of its own (a limit).
            throw new UnreadableInputException(source + ": " + e.getMessage());
        } catch (Exception | LinkageError e) {
            throw new UnreadableInputException(source + ": cannot read the Word document: it is damaged or not a .docx"
                    + " file that Word or WPS saved; expected a .docx document");
        }
    }
}
