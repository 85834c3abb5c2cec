package org.rectificationhub.commission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerWorkbookTest {

    @Test
    void aDepartmentsBidiAndControlCharactersReachNoCellOfTheDigestRaw() throws Exception {
        ObjectNode snapshot = CanonicalJson.mapper().createObjectNode().put("takenAt", "2026-12-08T00:00:00Z");
        snapshot.putObject("round").put("inspectedOrg", "莞城\u202E街道").put("inspectionTeam", "第一\u2066巡察组");
        ObjectNode problem = snapshot.putArray("problems").addObject().put("problemNo", 1).put("title", "标题\u200F")
                .put("status", "in-progress").put("progress", "已完成\u202Egnp.exe\u0007");
        problem.putArray("responsibleUnits").add("经发局\u061C");

        List<String> cells = cells(LedgerWorkbook.write(snapshot));

        assertThat(String.join("|", cells)).doesNotContain("\u202E", "\u2066", "\u200F", "\u061C", "\u0007");
        assertThat(cells).contains("已完成\uFFFDgnp.exe\uFFFD", "经发局\uFFFD");
    }

    private static List<String> cells(byte[] xlsx) throws Exception {
        List<String> cells = new ArrayList<>();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Row row : book.getSheetAt(0)) {
                for (Cell cell : row) {
                    cells.add(cell.getStringCellValue());
                }
            }
        }
        return cells;
    }
}
