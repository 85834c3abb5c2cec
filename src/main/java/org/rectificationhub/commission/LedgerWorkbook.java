package org.rectificationhub.commission;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.rectificationhub.OutputText;
import org.rectificationhub.canonical.Status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A round's snapshot as the office's ledger (整改台账): a title row, the columns of the ledger, one row per measure
 * (a problem without measures gets one row). Every value is written as text, and a value that a spreadsheet would
 * take for a formula (starting with = + - @ or a tab or return) is neutralised with a leading apostrophe, so
 * opening, copying or exporting the digest never runs what a department wrote; bidi and control characters are
 * neutralised ({@link OutputText}), so a cell never reads otherwise than it is stored.
 */
final class LedgerWorkbook {

    static final List<String> COLUMNS = List.of("序号", "问题类别", "问题描述", "整改措施", "责任领导", "责任单位",
            "责任人", "整改时限", "整改进展", "整改状态", "佐证材料", "问责情况", "备注");

    private LedgerWorkbook() {
    }

    static byte[] write(JsonNode snapshot) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("整改台账");
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            JsonNode round = snapshot.path("round");
            Row title = sheet.createRow(0);
            title.createCell(0).setCellValue(inert(round.path("inspectedOrg").asText() + "巡察整改台账（"
                    + round.path("inspectionTeam").asText() + "，" + snapshot.path("takenAt").asText() + "）"));
            title.getCell(0).setCellStyle(bold);
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, COLUMNS.size() - 1));
            Row header = sheet.createRow(1);
            for (int c = 0; c < COLUMNS.size(); c++) {
                header.createCell(c).setCellValue(COLUMNS.get(c));
                header.getCell(c).setCellStyle(bold);
            }
            sheet.createFreezePane(0, 2);
            int r = 2;
            for (JsonNode problem : snapshot.path("problems")) {
                for (List<String> values : rows(problem)) {
                    Row row = sheet.createRow(r++);
                    for (int c = 0; c < values.size(); c++) {
                        row.createCell(c).setCellValue(inert(values.get(c)));
                    }
                }
            }
            for (int c = 0; c < COLUMNS.size(); c++) {
                sheet.setColumnWidth(c, c == 2 || c == 3 || c == 8 ? 40 * 256 : 14 * 256);
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<List<String>> rows(JsonNode problem) {
        List<List<String>> rows = new ArrayList<>();
        List<JsonNode> measures = new ArrayList<>();
        problem.path("measures").forEach(measures::add);
        if (measures.isEmpty()) {
            measures.add(null);
        }
        for (JsonNode m : measures) {
            String status = m == null ? problem.path("status").asText(null) : m.path("status").asText(null);
            String progress = m == null || m.path("progress").asText("").isBlank() ? problem.path("progress").asText("")
                    : m.path("progress").asText();
            rows.add(List.of(problem.path("problemNo").asText(), problem.path("category").path("title").asText(),
                    description(problem), m == null ? "" : m.path("seq").asInt() + ". " + m.path("text").asText(),
                    problem.path("responsibleLeader").asText(""), join(problem.path("responsibleUnits")),
                    problem.path("responsiblePerson").asText(""), problem.path("deadline").asText(""), progress,
                    Status.wordOf(status), join(problem.path("detail").path("evidence")), accountability(problem),
                    problem.path("exemption").asText("")));
        }
        return rows;
    }

    private static String description(JsonNode problem) {
        String feedback = problem.path("feedbackText").asText("");
        return problem.path("title").asText() + (feedback.isBlank() ? "" : "\n" + feedback);
    }

    /** Who was held accountable, how: 诫勉谈话 1人（张三）; the names are the commission's to see. */
    private static String accountability(JsonNode problem) {
        List<String> lines = new ArrayList<>();
        for (JsonNode a : problem.path("accountability")) {
            String subjects = join(a.path("subjects"));
            lines.add(a.path("action").asText() + " " + a.path("count").asInt() + "人"
                    + (subjects.isEmpty() ? "" : "（" + subjects + "）"));
        }
        return String.join("；", lines);
    }

    private static String join(JsonNode values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.asText()));
        return String.join("、", out);
    }

    /** A value a spreadsheet would read as a formula, made plain text. */
    static String inert(String text) {
        String value = OutputText.neutralise(text);
        if (value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
