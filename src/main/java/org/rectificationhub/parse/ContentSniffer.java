package org.rectificationhub.parse;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tells an input's kind by its bytes (magic numbers, zip entries), not by its name alone: a ledger saved as
 * ".txt" is still read as a ledger, and a PDF named ".docx" is refused as a PDF.
 */
final class ContentSniffer {

    private ContentSniffer() {
    }

    /** The kind of a zip input: .xlsx and .docx are both zips and differ by their entries. */
    static InputKind ofZip(Set<String> entries, String fileName) {
        if (entries.contains("xl/workbook.xml")) {
            return InputKind.XLSX;
        }
        if (entries.contains("word/document.xml")) {
            return InputKind.DOCX;
        }
        throw new UnreadableInputException(fileName + ": a zip archive that is neither an Excel workbook (.xlsx)"
                + " nor a Word document (.docx)");
    }

    static boolean isZip(byte[] b) {
        return startsWith(b, 'P', 'K', 3, 4);
    }

    /** Refuses formats the hub does not read, naming them, so the sender knows what to send instead. */
    static void refuseKnownBinary(byte[] b, String fileName) {
        String what = null;
        if (startsWith(b, '%', 'P', 'D', 'F')) {
            what = "a PDF document; send the notice as text or .docx, the ledger as .xlsx or .csv";
        } else if (startsWith(b, 0xD0, 0xCF, 0x11, 0xE0)) {
            what = "an old binary Office file (.xls/.doc); save it as .xlsx or .docx";
        } else if (startsWith(b, 0x89, 'P', 'N', 'G') || startsWith(b, 0xFF, 0xD8, 0xFF) || startsWith(b, 'G', 'I', 'F', '8')) {
            what = "an image; the hub reads text, .docx, .xlsx and .csv";
        } else if (startsWith(b, 0x1F, 0x8B) || startsWith(b, 'R', 'a', 'r', '!') || startsWith(b, '7', 'z', 0xBC, 0xAF)
                || startsWith(b, 'P', 'K', 5, 6) || startsWith(b, 'B', 'Z', 'h')) {
            what = "a compressed archive; send the files themselves";
        } else if (startsWith(b, 0x7F, 'E', 'L', 'F') || startsWith(b, 'M', 'Z')) {
            what = "a program, not a document";
        }
        if (what != null) {
            throw new UnreadableInputException(fileName + ": the content is " + what);
        }
    }

    /** Canonical JSON starts with an object or array, after an optional BOM and whitespace. */
    static boolean looksLikeJson(byte[] b) {
        int i = b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF ? 3 : 0;
        while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
        return i < b.length && (b[i] == '{' || b[i] == '[');
    }

    /** Text is a ledger when named .csv/.tsv, or when its first lines are separated fields rather than prose. */
    static InputKind ofText(String text, String fileName) {
        String ext = extension(fileName);
        if (ext.equals("csv") || ext.equals("tsv")) {
            return InputKind.CSV;
        }
        if (ext.equals("txt") || ext.equals("eml") || ext.equals("text")) {
            return InputKind.NOTICE_TEXT;
        }
        // A table has the same number of separators (outside quotes) on most of its first lines; prose with
        // ASCII commas, as many notices are written, does not.
        List<String> first = text.lines().filter(l -> !l.isBlank()).limit(10).toList();
        Map<Long, Integer> counts = new HashMap<>();
        for (String line : first) {
            long separators = separatorsOutsideQuotes(line);
            if (separators >= 2) {
                counts.merge(separators, 1, Integer::sum);
            }
        }
        int consistent = counts.values().stream().max(Integer::compare).orElse(0);
        return !first.isEmpty() && consistent * 2 >= first.size() ? InputKind.CSV : InputKind.NOTICE_TEXT;
    }

    private static long separatorsOutsideQuotes(String line) {
        long count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == ',' || c == '\t')) {
                count++;
            }
        }
        return count;
    }

    static String extension(String fileName) {
        String name = fileName == null ? "" : fileName;
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean startsWith(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
