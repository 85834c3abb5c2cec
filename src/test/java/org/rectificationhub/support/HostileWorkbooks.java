package org.rectificationhub.support;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Small .xlsx files that cost a careless reader far more memory than their size: built here, never stored. */
public final class HostileWorkbooks {

    private static final List<String> HEADER = List.of("序号", "问题类别", "问题描述", "整改措施", "责任单位");

    private HostileWorkbooks() {
    }

    /**
     * A ledger header, then {@code ranges} merged ranges stacked one under the other, each {@code rows} rows by
     * 100 columns with a value in its first cell: a few kilobytes that a naive fill expands to ranges × rows × 100
     * cells.
     */
    public static byte[] mergedCellBomb(int ranges, int rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = header(workbook);
            for (int k = 0; k < ranges; k++) {
                int first = 1 + k * rows;
                sheet.createRow(first).createCell(0).setCellValue("类别" + k);
                sheet.addMergedRegionUnsafe(new CellRangeAddress(first, first + rows - 1, 0, 99));
            }
            return bytes(workbook);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A ledger header and one category cell merged down {@code rows} rows: the rows exist only once filled. */
    public static byte[] mergedRows(int rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = header(workbook);
            Row row = sheet.createRow(1);
            row.createCell(1).setCellValue("类别");
            row.createCell(2).setCellValue("问题");
            sheet.addMergedRegion(new CellRangeAddress(1, rows, 1, 1));
            return bytes(workbook);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A ledger header and {@code rows} rows of {@code columns} numbers: many cells, little text. */
    public static byte[] denseSheet(int rows, int columns) {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
            Sheet sheet = header(workbook);
            for (int r = 1; r <= rows; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < columns; c++) {
                    row.createCell(c).setCellValue(c);
                }
            }
            byte[] bytes = bytes(workbook);
            workbook.dispose();
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Sheet header(Workbook workbook) {
        Sheet sheet = workbook.createSheet("台账");
        Row row = sheet.createRow(0);
        for (int c = 0; c < HEADER.size(); c++) {
            row.createCell(c).setCellValue(HEADER.get(c));
        }
        return sheet;
    }

    private static byte[] bytes(Workbook workbook) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        workbook.write(out);
        return out.toByteArray();
    }
}
