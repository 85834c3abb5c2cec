package org.rectificationhub.parse;

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

    /** Parses offline: the round is resolved only against what the context names, never a registered round. */
    public static ParseResult parse(byte[] bytes, String fileName, ParseContext ctx) {
        Reading reading = read(bytes, fileName, ctx);
        return reading.draft() == null ? ParseResult.failed(reading.failure())
                : reading.draft().assemble(ctx, RoundMatches.NONE);
    }

    /**
     * Reads an input into a draft whose round the caller resolves (the intake, against the ledger), or the reason
     * it cannot be read. Never throws for bad input; a parser's defect (any other RuntimeException) is the hub's
     * fault, not the sender's, and propagates: the intake tries the input again and then parks it for an operator.
     */
    public static Reading read(byte[] bytes, String fileName, ParseContext ctx) {
        String name = fileName == null || fileName.isBlank() ? "input" : fileName;
        try {
            return new Reading(readChecked(bytes, name, ctx), null);
        } catch (UnreadableInputException e) {
            return new Reading(null, e.getMessage());
        } catch (StackOverflowError e) {
            return new Reading(null, name + ": the input is nested too deeply to read");
        }
    }

    /** A draft, or the reason the input yields none. */
    public record Reading(RoundDraft draft, String failure) {
    }

    private static RoundDraft readChecked(byte[] bytes, String name, ParseContext ctx) {
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
                    ? ledger(XlsxTable.read(bytes, name, ctx.limits()))
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
                ? ledger(CsvTable.read(text, name, ctx.limits()))
                : notice(text, name, ctx);
    }

    /** Mail bodies and other text that arrives already decoded. */
    public static Reading readNotice(String text, ParseContext ctx) {
        try {
            TextDecoding.checkControls(text);
            return new Reading(notice(text, "message body", ctx), null);
        } catch (UnreadableInputException e) {
            return new Reading(null, e.getMessage());
        }
    }

    private static RoundDraft notice(String text, String name, ParseContext ctx) {
        long lines = text.lines().count();
        if (lines > ctx.limits().maxRows() * 4L) {
            throw new UnreadableInputException(name + ": " + lines + " lines is more than a notice holds");
        }
        NoticeParser.Reading reading = NoticeParser.parse(text);
        return new RoundDraft("notice", reading.facts(), reading.problems(), List.of());
    }

    /** A Word report is a notice; one without numbered problems but with a ledger table is that ledger. */
    private static RoundDraft word(DocxText.Content content, String name, ParseContext ctx) {
        RoundDraft asNotice = notice(content.text(), name, ctx);
        if (!asNotice.hasProblems() && content.table() != null) {
            RoundDraft asLedger = ledger(content.table());
            if (asLedger.hasProblems()) {
                return asLedger;
            }
        }
        return asNotice;
    }

    private static RoundDraft ledger(LedgerTable table) {
        LedgerParser.Reading reading = LedgerParser.parse(table);
        return new RoundDraft("ledger", reading.facts(), reading.problems(), reading.errors());
    }
}
