package org.rectificationhub.parse;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.RoundRegistration;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WordNoticeTest {

    private static byte[] docx(String text) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String line : text.split("\n")) {
                doc.createParagraph().createRun().setText(line);
            }
            doc.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void aWordReportOfTheSampleNoticeGivesTheSameDocumentAsItsText() throws IOException {
        String text = new String(Fixtures.sampleNotice(), StandardCharsets.UTF_8);
        RoundRegistration fromText = Fixtures.parseOk(Fixtures.sampleNotice(), "notice.txt", Fixtures.OFFICE);
        RoundRegistration fromWord = Fixtures.parseOk(docx(text), "notice.docx", Fixtures.OFFICE);
        assertThat(CanonicalJson.write(fromWord)).isEqualTo(CanonicalJson.write(fromText));
    }

    @Test
    void aWordReportWithTheWrongExtensionIsReadByItsContent() throws IOException {
        RoundRegistration doc = Fixtures.parseOk(docx(new String(Fixtures.sampleNotice(), StandardCharsets.UTF_8)),
                "notice.txt", Fixtures.OFFICE);
        assertThat(doc.problems()).hasSize(20);
    }

    @Test
    void aWordReportCarryingTheLedgerAsATableIsReadAsThatLedger() throws IOException {
        byte[] report;
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText(LedgerParsingTest.TITLE);
            List<List<String>> rows = LedgerParsingTest.rows();
            XWPFTable table = doc.createTable(rows.size() + 1, LedgerParsingTest.HEADER.size());
            for (int c = 0; c < LedgerParsingTest.HEADER.size(); c++) {
                table.getRow(0).getCell(c).setText(LedgerParsingTest.HEADER.get(c));
                for (int r = 0; r < rows.size(); r++) {
                    table.getRow(r + 1).getCell(c).setText(rows.get(r).get(c));
                }
            }
            doc.write(out);
            report = out.toByteArray();
        }
        RoundRegistration fromWord = Fixtures.parseOk(report, "report.docx", Fixtures.OFFICE);
        RoundRegistration fromCsv = Fixtures.parseOk(LedgerParsingTest.csv(StandardCharsets.UTF_8, ","), "l.csv", Fixtures.OFFICE);
        assertThat(fromWord.problems()).isEqualTo(fromCsv.problems());
        assertThat(fromWord.roundId()).isEqualTo(fromCsv.roundId());
    }

    @Test
    void aMailBodyIsParsedLikeANoticeFile() {
        String body = new String(Fixtures.sampleNotice(), StandardCharsets.UTF_8);
        ParseResult result = Parsers.readNotice(body, Fixtures.OFFICE).draft().assemble(Fixtures.OFFICE, RoundMatches.NONE);
        assertThat(result.ok()).isTrue();
        assertThat(result.documents().get(0).roundId()).startsWith("round-20240820-");
    }

    @Test
    void aMailLabelledGb2312IsDecodedAsGb18030() {
        // 㙍 is in GB18030 but not in GB2312 or GBK: mail clients label such text gb2312 anyway.
        String body = new String(Fixtures.sampleNotice(), StandardCharsets.UTF_8).replace("西隅社区省典型村", "西隅社区㙍典型村");
        ParseContext labelled = new ParseContext("rectification-office", null, "gb2312", null, Fixtures.CLOCK);
        RoundRegistration doc = Fixtures.parseOk(body.getBytes(TextDecoding.GB18030), "body.txt", labelled);
        assertThat(doc.problems().get(0).measures().get(0).progress()).contains("㙍");
    }
}
