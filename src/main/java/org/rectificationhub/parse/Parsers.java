package org.rectificationhub.parse;

import org.rectificationhub.canonical.RoundRegistration;

import java.util.List;

/**
 * The one entry point for what offices really send: notices (.txt, .docx, mail bodies) and ledgers (.xlsx, .csv)
 * become canonical documents. Every channel (file inbox, mail, Kafka) calls this; it is pure: bytes and context
 * in, documents or reasons out.
 */
public final class Parsers {

    private static final java.util.Set<String> DOCUMENT_EXTENSIONS =
            java.util.Set.of("txt", "text", "eml", "docx", "xlsx", "csv", "tsv");

    private Parsers() {
    }

    /**
     * True when the input is meant as canonical JSON (named .json, or starting with { or [), which channels cut
     * as they always have: a broken .json file is reported as broken JSON, not as a notice without problems.
     */
    public static boolean isCanonicalJson(byte[] bytes, String fileName) {
        String ext = ContentSniffer.extension(fileName);
        return bytes != null && (ext.equals("json") || ContentSniffer.looksLikeJson(bytes) && !ext.equals("csv"));
    }

    /** True when the name says notice or ledger (.txt, .docx, .xlsx, .csv, …), as a file's name does. */
    public static boolean isDocumentName(String fileName) {
        return DOCUMENT_EXTENSIONS.contains(ContentSniffer.extension(fileName));
    }

    public static ParseResult parse(byte[] bytes, String fileName, ParseContext ctx) {
        String name = fileName == null || fileName.isBlank() ? "input" : fileName;
        try {
            return parseChecked(bytes, name, ctx);
        } catch (UnreadableInputException e) {
            return ParseResult.failed(e.getMessage());
        } catch (RoundAssembler.LookupFailure e) {
            throw e.unwrap();
        } catch (StackOverflowError | OutOfMemoryError e) {
            return ParseResult.failed(name + ": the input is too complex to read (" + e.getClass().getSimpleName() + ")");
        } catch (RuntimeException e) {
            // A parser defect must not become a retry loop or a stack trace for the sender: it is a reason too.
            return ParseResult.failed(name + ": could not be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    private static ParseResult parseChecked(byte[] bytes, String name, ParseContext ctx) {
        if (bytes == null || bytes.length == 0) {
            throw new UnreadableInputException(name + ": the file is empty");
        }
        if (bytes.length > ctx.limits().maxBytes()) {
            throw new UnreadableInputException(name + ": the file has " + bytes.length + " bytes; the limit is "
                    + ctx.limits().maxBytes());
        }
        ContentSniffer.refuseKnownBinary(bytes, name);
        if (ContentSniffer.isZip(bytes)) {
            InputKind kind = ContentSniffer.ofZip(ZipInspector.inspect(bytes, name, ctx.limits().maxUnzipped()), name);
            return kind == InputKind.XLSX
                    ? ledger(XlsxTable.read(bytes, name, ctx.limits()), ctx)
                    : word(DocxText.read(bytes, name, ctx.limits()), name, ctx);
        }
        if (ContentSniffer.looksLikeJson(bytes)) {
            throw new UnreadableInputException(name + ": this is JSON; canonical JSON is ingested as it is, not parsed");
        }
        String text = TextDecoding.decode(bytes, ctx.declaredCharset()).text();
        if (text.length() > ctx.limits().maxTextChars()) {
            throw new UnreadableInputException(name + ": the text has " + text.length() + " characters; the limit is "
                    + ctx.limits().maxTextChars());
        }
        return ContentSniffer.ofText(text, name) == InputKind.CSV
                ? ledger(CsvTable.read(text, name, ctx.limits()), ctx)
                : notice(text, name, ctx);
    }

    /** Mail bodies and other text that arrives already decoded. */
    public static ParseResult parseNotice(String text, ParseContext ctx) {
        try {
            TextDecoding.checkControls(text);
            return notice(text, "message body", ctx);
        } catch (UnreadableInputException e) {
            return ParseResult.failed(e.getMessage());
        }
    }

    private static ParseResult notice(String text, String name, ParseContext ctx) {
        long lines = text.lines().count();
        if (lines > ctx.limits().maxRows() * 4L) {
            throw new UnreadableInputException(name + ": " + lines + " lines is more than a notice holds");
        }
        NoticeParser.Reading reading = NoticeParser.parse(text);
        return RoundAssembler.assemble("notice", reading.facts(), reading.problems(), List.of(), ctx);
    }

    /** A Word report is a notice; one without numbered problems but with a ledger table is that ledger. */
    private static ParseResult word(DocxText.Content content, String name, ParseContext ctx) {
        ParseResult asNotice = notice(content.text(), name, ctx);
        boolean noProblems = asNotice.documents().stream()
                .allMatch(doc -> ((RoundRegistration) doc).problems().isEmpty());
        if (noProblems && content.table() != null) {
            ParseResult asLedger = ledger(content.table(), ctx);
            if (asLedger.documents().stream().anyMatch(doc -> !((RoundRegistration) doc).problems().isEmpty())) {
                return asLedger;
            }
        }
        return asNotice;
    }

    private static ParseResult ledger(LedgerTable table, ParseContext ctx) {
        LedgerParser.Reading reading = LedgerParser.parse(table);
        return RoundAssembler.assemble("ledger", reading.facts(), reading.problems(), reading.errors(), ctx);
    }
}
