package org.rectificationhub.support;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small .xlsx and .docx files that cost a careless reader far more memory than their size: built, never stored. */
public final class HostileOfficeFiles {

    private static final List<String> HEADER = List.of("序号", "问题类别", "问题描述", "整改措施", "责任单位");
    private static final String WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    private HostileOfficeFiles() {
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

    /**
     * A .docx whose document holds {@code megabytes} of one-letter paragraphs, varied enough to stay within the
     * zip-bomb ratio: some hundred kilobytes on disk, tens of millions of objects as a DOM.
     */
    public static byte[] manyParagraphsDocx(int megabytes) {
        Random letters = new Random(megabytes);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            Writer xml = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
            xml.write("<w:document xmlns:w=\"" + WORD + "\"><w:body>");
            for (long written = 0; written < megabytes * 1_000_000L; written += 34) {
                xml.write("<w:p><w:r><w:t>" + (char) ('a' + letters.nextInt(26)) + "</w:t></w:r></w:p>");
            }
            xml.write("</w:body></w:document>");
            xml.flush();
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
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
