package org.rectificationhub.parse;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.rectificationhub.support.HostileOfficeFiles;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mockito.MockedStatic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mockStatic;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A hostile corpus: every file is refused with a reason that names the attack or the defect, within a safety
 * bound of seconds (not a performance test) and without holding the expanded input in memory.
 */
class HostileInputsTest {

    private static final ParseLimits TEN_CELLS = new ParseLimits(ParseLimits.DEFAULTS.maxBytes(),
            ParseLimits.DEFAULTS.maxRows(), ParseLimits.DEFAULTS.maxTextChars(), ParseLimits.DEFAULTS.maxUnzipped(), 10);

    private record Hostile(String name, Supplier<byte[]> bytes, String reason, ParseContext ctx) {
        Hostile(String name, Supplier<byte[]> bytes, String reason) {
            this(name, bytes, reason, Fixtures.OFFICE);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyHostileInputIsRejectedWithItsReason() {
        List<Hostile> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(30);
        return corpus.stream().map(h -> DynamicTest.dynamicTest(h.name() + " is rejected: " + h.reason(), () -> {
            byte[] bytes = h.bytes().get();
            ParseResult result = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Parsers.parse(bytes, h.name(), h.ctx()));
            assertThat(result.ok()).as(h.name() + " must be refused").isFalse();
            assertThat(String.join("\n", result.errors())).containsIgnoringCase(h.reason());
        }));
    }

    @Test
    void aParsersDefectIsTheHubsFaultAndPropagatesInsteadOfBecomingAReasonForTheSender() {
        try (MockedStatic<NoticeParser> notices = mockStatic(NoticeParser.class)) {
            notices.when(() -> NoticeParser.parse(anyString())).thenThrow(new IllegalStateException("planted defect"));

            assertThatThrownBy(() -> Parsers.read(Fixtures.sampleNotice(), "notice.txt", Fixtures.OFFICE))
                    .isInstanceOf(IllegalStateException.class).hasMessage("planted defect");
        }
    }

    @Test
    void aMergedCellBombIsAFewKilobytesOnDiskYetRefusedByTheCellLimitItWouldExceed() {
        byte[] bomb = HostileOfficeFiles.mergedCellBomb(100, 5000);

        ParseResult result = Parsers.parse(bomb, "bomb.xlsx", Fixtures.OFFICE);

        // 100 ranges of 5,000 rows by 100 columns: 50 million cells, in less than 8 KB.
        assertThat(bomb.length).isLessThan(8 * 1024);
        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).singleElement().asString().contains("more than 200000 cells");
    }

    private static List<Hostile> corpus() {
        String notice = new String(Fixtures.sampleNotice(), StandardCharsets.UTF_8);
        return List.of(
                new Hostile("empty.txt", () -> new byte[0], "empty"),
                new Hostile("bomb.xlsx", () -> zip(officeEntries("xl/workbook.xml", Map.of("xl/big.xml", zeros(60)))), "zip bomb"),
                new Hostile("bomb.docx", () -> zip(officeEntries("word/document.xml", Map.of("word/big.xml", zeros(60)))), "zip bomb"),
                new Hostile("many-entries.xlsx", HostileInputsTest::manyEntries, "more than 1000 zip entries"),
                new Hostile("xxe.docx", () -> zip(officeEntries("word/document.xml", Map.of("word/document.xml", xxe()))), "DOCTYPE"),
                new Hostile("xxe.xlsx", () -> zip(officeEntries("xl/workbook.xml", Map.of("xl/worksheets/sheet1.xml", xxe()))), "DOCTYPE"),
                new Hostile("billion-laughs.xlsx", () -> zip(officeEntries("xl/workbook.xml", Map.of("xl/sharedStrings.xml", laughs()))), "entities"),
                new Hostile("xxe-rels.docx", () -> zip(officeEntries("word/document.xml", Map.of("_rels/.rels", xxe()))), "XXE"),
                new Hostile("zip-slip.xlsx", () -> zip(officeEntries("xl/workbook.xml", Map.of("../../etc/cron.d/x", new byte[]{1}))), "unsafe path"),
                new Hostile("formulas-only.xlsx", HostileInputsTest::formulasOnly, "no header row"),
                new Hostile("truncated.xlsx", () -> Arrays.copyOf(ledgerXlsx(), ledgerXlsx().length / 2), "damaged"),
                new Hostile("not-office.xlsx", () -> zip(Map.of("readme.txt", "hello".getBytes(StandardCharsets.UTF_8))), "neither an Excel"),
                new Hostile("report.docx", () -> "%PDF-1.7\n1 0 obj".getBytes(StandardCharsets.US_ASCII), "PDF"),
                new Hostile("photo.xlsx", () -> new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, "image"),
                new Hostile("old.xls", () -> new byte[]{(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1}, "old binary Office"),
                new Hostile("archive.txt", () -> new byte[]{0x1F, (byte) 0x8B, 8, 0, 0, 0}, "compressed archive"),
                new Hostile("program.csv", () -> new byte[]{0x7F, 'E', 'L', 'F', 2, 1, 1}, "program"),
                new Hostile("nul.txt", () -> (notice.substring(0, 200) + "\0" + notice.substring(200)).getBytes(StandardCharsets.UTF_8), "NUL"),
                new Hostile("bidi.txt", () -> notice.replace("市委第一巡察组对", "市委第一\u202E巡察组对").getBytes(StandardCharsets.UTF_8), "U+202E"),
                new Hostile("bidi-isolate.csv", () -> ("序号,问题描述,整改措施\n1,问题\u2066描述,措施\n").getBytes(StandardCharsets.UTF_8), "U+2066"),
                new Hostile("bidi.docx", () -> docx("市委第一巡察组\u200F对中共某某委员会开展了巡察。"), "U+200F"),
                new Hostile("invalid-utf8.txt", () -> new byte[]{'a', 'b', (byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, 'x'}, "neither valid UTF-8"),
                new Hostile("odd-utf16.txt", () -> new byte[]{(byte) 0xFF, (byte) 0xFE, 'a', 0, 'b'}, "not valid UTF-16"),
                new Hostile("unknown-charset.txt", () -> notice.getBytes(StandardCharsets.UTF_8), "unknown character set",
                        new ParseContext("rectification-office", null, "x-no-such-charset", null, Fixtures.CLOCK)),
                new Hostile("50mb.txt", () -> repeat("巡察整改。\n", 50 * 1024 * 1024), "limit"),
                new Hostile("5m-chars.txt", () -> repeat("a", 5 * 1024 * 1024), "characters; the limit"),
                new Hostile("deep.txt", () -> ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.US_ASCII), "JSON"),
                new Hostile("backtracking.txt", () -> repeat("市委巡察组对", 600_000), "characters on one line"),
                new Hostile("backtracking-lines.txt", () -> repeat("市委巡察组对中共某某对。巡察组对\n", 19_000 * 45), "no problems found"),
                new Hostile("huge-rows.csv", () -> hugeCsv(6000), "more than 5000 rows"),
                new Hostile("huge-rows.xlsx", HostileInputsTest::hugeXlsx, "more than 5000 rows"),
                new Hostile("merged-cell-bomb.xlsx", () -> HostileOfficeFiles.mergedCellBomb(100, 5000), "merged ranges are filled; the limit is 200000 cells"),
                new Hostile("merged-rows.xlsx", () -> HostileOfficeFiles.mergedRows(9000), "more than 5000 rows once merged cells are filled"),
                new Hostile("dense.xlsx", () -> HostileOfficeFiles.denseSheet(2100, 100), "the limit is 200000 cells"),
                new Hostile("many-paragraphs.docx", () -> HostileOfficeFiles.manyParagraphsDocx(10), "more than a notice holds"),
                new Hostile("wide-table.docx", HostileInputsTest::tableDocx, "tables hold more than 10 cells",
                        new ParseContext("rectification-office", null, null, TEN_CELLS, Fixtures.CLOCK)),
                new Hostile("unclosed-quote.csv", () -> "序号,问题描述,整改措施,责任单位\n1,\"never closed,措施,单位\n".getBytes(StandardCharsets.UTF_8), "never closed"),
                new Hostile("no-header.csv", () -> "a,b,c,d\n1,2,3,4\n".getBytes(StandardCharsets.UTF_8), "no header row"),
                new Hostile("giant-cell.csv", () -> ("序号,问题描述,整改措施,责任单位\n1," + "长".repeat(25_000) + ",措施,单位\n").getBytes(StandardCharsets.UTF_8), "more than 20000 characters"),
                new Hostile("prose.txt", () -> "今天天气很好，我们去公园散步。".getBytes(StandardCharsets.UTF_8), "no problems found"),
                new Hostile("no-round.txt", () -> "（一）关于某方面\n1.某问题\n一是某措施。已完成。\n".getBytes(StandardCharsets.UTF_8), "round is unknown"));
    }

    private static byte[] ledgerXlsx() {
        try {
            return LedgerParsingTest.xlsx();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] zeros(int megabytes) {
        return new byte[megabytes * 1024 * 1024];
    }

    private static byte[] repeat(String text, int bytes) {
        byte[] unit = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            out[i] = unit[i % unit.length];
        }
        return out;
    }

    private static byte[] xxe() {
        return ("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] laughs() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!-- ").append("x".repeat(20_000)).append(" -->\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            xml.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        return xml.append("]><sst>&lol9;</sst>").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The entries that make a zip look like an .xlsx or .docx, plus the hostile ones. */
    private static Map<String, byte[]> officeEntries(String marker, Map<String, byte[]> hostile) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("[Content_Types].xml", "<Types/>".getBytes(StandardCharsets.UTF_8));
        entries.put(marker, "<root/>".getBytes(StandardCharsets.UTF_8));
        entries.putAll(hostile);
        return entries;
    }

    private static byte[] zip(Map<String, byte[]> entries) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] manyEntries() {
        Map<String, byte[]> entries = new LinkedHashMap<>(officeEntries("xl/workbook.xml", Map.of()));
        for (int i = 0; i < 1100; i++) {
            entries.put("xl/media/x" + i + ".bin", new byte[]{1});
        }
        return zip(entries);
    }

    private static byte[] formulasOnly() {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet();
            for (int r = 0; r < 5; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellFormula("HYPERLINK(\"http://evil.example/\",\"click\")");
                row.createCell(1).setCellFormula("1+1");
                row.createCell(2).setCellFormula("WEBSERVICE(\"http://evil.example/\")");
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] hugeCsv(int rows) {
        StringBuilder csv = new StringBuilder("序号,问题描述,整改措施,责任单位\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append(",问题").append(i).append(",措施,经发局\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hugeXlsx() {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet();
            for (int r = 0; r < 6000; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue(r);
                row.createCell(1).setCellValue("问题" + r);
            }
            wb.write(out);
            wb.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A report whose table has 4 rows of 3 cells: 12 cells, past a limit of 10. */
    private static byte[] tableDocx() {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("整改台账");
            doc.createTable(4, 3);
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] docx(String paragraph) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText(paragraph);
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
