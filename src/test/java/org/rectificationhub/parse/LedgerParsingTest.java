package org.rectificationhub.parse;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.Deadline;
import org.rectificationhub.canonical.RoundRegistration;
import org.rectificationhub.canonical.RoundRegistration.Problem;
import org.rectificationhub.canonical.Status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerParsingTest {

    static final String TITLE = "市委第一巡察组巡察中共莞城街道工作委员会反馈问题整改台账（巡察时间：2024年3月25日至5月7日，反馈时间：2024年8月20日）";
    static final List<String> HEADER = List.of("序号", "问题类别", "问题描述", "整改措施", "责任领导", "责任单位", "责任人",
            "整改时限", "整改进展", "整改状态", "佐证材料", "督办意见", "备注");
    static final String CATEGORY_1 = "（一）关于把握战略意图，落实“百千万工程”决策部署方面";
    static final String CATEGORY_2 = "（二）关于加大管党治党力度方面";

    /** Rows as the CSV export writes them: merged category cells blank below their first row. */
    static List<List<String>> rows() {
        return List.of(
                List.of("1", CATEGORY_1, "对实施“百千万工程”的战略意义认识不足。学习不深入，推进不力。",
                        "一是及时深入学习贯彻上级精神。已召开专题会议。二是优化提升工作推进机制。", "分管副主任", "经发局", "李四",
                        "2024年12月31日", "已召开专题会议3次", "已完成", "会议纪要", "督办完成", "=1+1"),
                List.of("2", "", "圩镇品质不高", "1.提升城市管理水平。2.增加停车位供给。3.推进海绵城市建设。", "", "城管分局", "",
                        "2024/12/31", "停车位新增200个", "正在整改", "", "", ""),
                List.of("3", CATEGORY_2, "全面从严治党主体责任落实不到位", "压实责任清单", "", "党建办、经发局", "",
                        "长期坚持", "", "长期坚持", "", "", "每季度复核"),
                List.of("4", "", "财经制度执行不严", "严格执行财政预算", "", "经发局", "王五", "2025.6.30",
                        "基本完成取得阶段性成果并持续整改", "", "", "", "@SUM(A1)"));
    }

    /** The same ledger as an .xlsx: title row, merged category cells, a serial date, a formula with a cached value. */
    static byte[] xlsx() throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("整改台账");
            sheet.createRow(0).createCell(0).setCellValue(TITLE);
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, HEADER.size() - 1));
            Row header = sheet.createRow(1);
            for (int i = 0; i < HEADER.size(); i++) {
                header.createCell(i).setCellValue(HEADER.get(i));
            }
            List<List<String>> rows = rows();
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 2);
                for (int c = 0; c < HEADER.size(); c++) {
                    String value = rows.get(r).get(c);
                    if (c == 0) {
                        row.createCell(c).setCellValue(Double.parseDouble(value));
                    } else if (!value.isEmpty()) {
                        row.createCell(c).setCellValue(value);
                    }
                }
            }
            sheet.getRow(3).createCell(7).setCellValue(45657); // 2024-12-31 as an Excel serial
            sheet.addMergedRegion(new CellRangeAddress(2, 3, 1, 1));
            sheet.addMergedRegion(new CellRangeAddress(4, 5, 1, 1));
            Cell formula = sheet.getRow(2).getCell(11);
            formula.setCellFormula("\"督办\"&\"完成\"");
            wb.getCreationHelper().createFormulaEvaluator().evaluateFormulaCell(formula);
            wb.write(out);
            return out.toByteArray();
        }
    }

    static byte[] csv(Charset charset, String separator) {
        StringBuilder text = new StringBuilder();
        text.append('"').append(TITLE).append('"').append(separator.repeat(HEADER.size() - 1)).append("\r\n");
        text.append(String.join(separator, HEADER)).append("\r\n");
        for (List<String> row : rows()) {
            text.append(String.join(separator, row.stream().map(c -> c.contains(",") || c.contains("\"")
                    ? '"' + c.replace("\"", "\"\"") + '"' : c).toList())).append("\r\n");
        }
        return text.toString().getBytes(charset);
    }

    private final RoundRegistration fromXlsx = Fixtures.parseOk(xlsx(), "ledger.xlsx", Fixtures.OFFICE);

    LedgerParsingTest() throws IOException {
    }

    @Test
    void excelLedgerWithTitleRowYieldsTheRoundItNames() {
        RoundRegistration notice = Fixtures.parseOk(Fixtures.sampleNotice(), "notice.txt", Fixtures.OFFICE);
        assertThat(fromXlsx.roundId()).isEqualTo(notice.roundId());
        assertThat(fromXlsx.round().inspectionTeam()).isEqualTo("市委第一巡察组");
        assertThat(fromXlsx.round().inspectedOrg()).isEqualTo("中共莞城街道工作委员会");
        assertThat(fromXlsx.updateId()).startsWith("ledger-");
        assertThat(fromXlsx.sequence()).isEqualTo(20251101100000L);
    }

    @Test
    void excelLedgerRowsBecomeProblemsWithMergedCategories() {
        assertThat(fromXlsx.problems()).extracting(Problem::problemNo).containsExactly(1, 2, 3, 4);
        assertThat(fromXlsx.problems()).extracting(p -> p.category().no()).containsExactly(1, 1, 2, 2);
        assertThat(fromXlsx.problems().get(1).category().title()).isEqualTo("关于把握战略意图，落实“百千万工程”决策部署方面");
        Problem first = fromXlsx.problems().get(0);
        assertThat(first.title()).isEqualTo("对实施“百千万工程”的战略意义认识不足");
        assertThat(first.feedbackText()).isEqualTo("对实施“百千万工程”的战略意义认识不足。学习不深入，推进不力。");
        assertThat(first.responsibleUnits()).containsExactly("经发局");
        assertThat(first.responsibleLeader()).isEqualTo("分管副主任");
        assertThat(first.responsiblePerson()).isEqualTo("李四");
        assertThat(first.status()).isEqualTo(Status.COMPLETED);
        assertThat(first.evidence()).containsExactly("会议纪要");
        assertThat(fromXlsx.problems().get(2).responsibleUnits()).containsExactly("党建办", "经发局");
        assertThat(fromXlsx.problems().get(3).status()).isEqualTo(Status.BASICALLY_COMPLETED);
    }

    @Test
    void measuresAreSplitOnOrdinalsAndNumbers() {
        assertThat(fromXlsx.problems().get(0).measures()).extracting(RoundRegistration.Measure::text)
                .containsExactly("及时深入学习贯彻上级精神。", "优化提升工作推进机制。");
        assertThat(fromXlsx.problems().get(1).measures()).hasSize(3);
        assertThat(fromXlsx.problems().get(2).measures()).extracting(RoundRegistration.Measure::text)
                .containsExactly("压实责任清单");
    }

    @Test
    void deadlinesInEveryWrittenFormIncludingSerialAndLongTerm() {
        assertThat(fromXlsx.problems()).extracting(Problem::deadline).containsExactly(
                Deadline.on(LocalDate.of(2024, 12, 31)), Deadline.on(LocalDate.of(2024, 12, 31)), Deadline.longTerm(),
                Deadline.on(LocalDate.of(2025, 6, 30)));
    }

    @Test
    void unknownColumnsAndRemarksAreKeptInNotesAndFormulasAreNeverEvaluated() {
        assertThat(fromXlsx.problems().get(0).notes()).containsExactly(Map.entry("督办意见", "督办完成"), Map.entry("备注", "=1+1"));
        assertThat(fromXlsx.problems().get(2).notes()).containsExactly(Map.entry("备注", "每季度复核"));
        assertThat(fromXlsx.problems().get(3).notes()).containsEntry("备注", "@SUM(A1)");
    }

    @Test
    void theSameLedgerAsGbkCsvGivesTheSameDocuments() {
        RoundRegistration fromCsv = Fixtures.parseOk(csv(Charset.forName("GBK"), ","), "ledger.csv", Fixtures.OFFICE);
        assertThat(CanonicalJson.write(fromCsv)).isEqualTo(CanonicalJson.write(fromXlsx));
    }

    @Test
    void tabSeparatedUtf8WithBomAndNoExtensionIsReadByContent() {
        byte[] tsv = csv(java.nio.charset.StandardCharsets.UTF_8, "\t");
        byte[] withBom = new byte[tsv.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(tsv, 0, withBom, 3, tsv.length);
        RoundRegistration fromTsv = Fixtures.parseOk(withBom, "ledger-export", Fixtures.OFFICE);
        assertThat(fromTsv.problems()).isEqualTo(fromXlsx.problems());
    }

    @Test
    void aLedgerWithoutATitleTakesTheRoundTheCallerFoundForTheConfiguredId() {
        RoundRegistration notice = Fixtures.parseOk(Fixtures.sampleNotice(), "notice.txt", Fixtures.OFFICE);
        String untitled = new String(csv(java.nio.charset.StandardCharsets.UTF_8, ","), java.nio.charset.StandardCharsets.UTF_8);
        untitled = untitled.substring(untitled.indexOf("\r\n") + 2);
        ParseContext ctx = new ParseContext("rectification-office", notice.roundId(), null, null, Fixtures.CLOCK);
        Parsers.Reading reading = Parsers.read(untitled.getBytes(java.nio.charset.StandardCharsets.UTF_8), "l.csv", ctx);

        assertThat(reading.draft().query(ctx).configuredId()).isEqualTo(notice.roundId());
        ParseResult result = reading.draft().assemble(ctx, new RoundMatches(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(notice.round())));
        assertThat(result.ok()).isTrue();
        RoundRegistration doc = (RoundRegistration) result.documents().get(0);
        assertThat(doc.round()).isEqualTo(notice.round());
        assertThat(doc.problems()).hasSize(4);
    }

    @Test
    void aLedgerWithoutAnyRoundStillShowsItsProblemsAndSaysWhatIsMissing() {
        String untitled = new String(csv(java.nio.charset.StandardCharsets.UTF_8, ","), java.nio.charset.StandardCharsets.UTF_8);
        untitled = untitled.substring(untitled.indexOf("\r\n") + 2);
        ParseResult result = Parsers.parse(untitled.getBytes(java.nio.charset.StandardCharsets.UTF_8), "l.csv", Fixtures.OFFICE);
        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).singleElement().asString().contains("round is unknown", "feedback date", "--round");
        RoundRegistration doc = (RoundRegistration) result.documents().get(0);
        assertThat(doc.roundId()).isEqualTo("unknown");
        assertThat(doc.problems()).hasSize(4);
    }

    @Test
    void anUnreadableRowIsReportedWithItsRowNumberAndReason() {
        String bad = new String(csv(java.nio.charset.StandardCharsets.UTF_8, ","), java.nio.charset.StandardCharsets.UTF_8)
                .replace("2025.6.30", "明年上半年").replace("正在整改", "差不多了");
        ParseResult result = Parsers.parse(bad.getBytes(java.nio.charset.StandardCharsets.UTF_8), "bad.csv", Fixtures.OFFICE);
        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).containsExactly(
                "bad.csv: row 4, column 整改状态: '差不多了' is not a status word (e.g. 正在整改, 已完成, 长期坚持, 申请延期)",
                "bad.csv: row 6, column 整改时限: '明年上半年' is not a date (2024年12月31日, 2024-12-31, 2024.12.31, 2024/12/31) or 长期坚持");
    }
}
