package org.rectificationhub.publish;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * notice.docx: the same notice as notice.txt, paragraph for paragraph (so the hub's parser reads both to the same
 * round), laid out as an office issues it: a centred title, headings in bold, body text indented by two characters
 * in a Chinese document font, the issuer and date to the right. Numbers are written as text, never as Word's
 * automatic numbering, which readers (the hub's own included) do not see.
 */
final class NoticeDocx {

    private static final Pattern HEADING = Pattern.compile("^[一二三四五六七八九十]+、.*");
    private static final String FONT = "仿宋";
    private static final String TITLE_FONT = "宋体";

    private NoticeDocx() {
    }

    static byte[] render(PublicRound round) {
        List<String> lines = NoticeText.render(round).lines().toList();
        boolean signed = round.facts().path("publication").hasNonNull("issuer");
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XWPFParagraph title = doc.createParagraph();
            title.setAlignment(ParagraphAlignment.CENTER);
            run(title, xmlSafe(round.facts().path("inspectedOrg").asText()) + "巡察整改进展情况公布", TITLE_FONT, 22, true);
            for (int i = 0; i < lines.size(); i++) {
                String line = xmlSafe(lines.get(i));
                XWPFParagraph p = doc.createParagraph();
                if (signed && i >= lines.size() - 2) {
                    p.setAlignment(ParagraphAlignment.RIGHT);
                    run(p, line, FONT, 16, false);
                } else {
                    p.setIndentationFirstLine(640); // two characters of 16 pt
                    run(p, line, FONT, 16, HEADING.matcher(line).matches());
                }
            }
            // The same round gives the same file: the document's dates are the round's, not the time of writing.
            Instant when = Optional.ofNullable(round.updated()).map(OffsetDateTime::toInstant).orElse(Instant.EPOCH);
            doc.getProperties().getCoreProperties().setCreated(Optional.of(Date.from(when)));
            doc.getProperties().getCoreProperties().setModified(Optional.of(Date.from(when)));
            doc.write(out);
            return stamped(out.toByteArray(), when);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same zip with every entry dated {@code when}: POI dates them at the time of writing. */
    private static byte[] stamped(byte[] docx, Instant when) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(docx.length);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(docx));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(when.toEpochMilli());
                zip.putNextEntry(copy);
                in.transferTo(zip);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static void run(XWPFParagraph paragraph, String text, String font, int size, boolean bold) {
        XWPFRun run = paragraph.createRun();
        run.setText(text);
        run.setFontFamily(font, XWPFRun.FontCharRange.eastAsia);
        run.setFontSize(size);
        run.setBold(bold);
    }

    /** The page's own neutralising, and the two characters XML 1.0 cannot hold besides (U+FFFE, U+FFFF). */
    static String xmlSafe(String text) {
        return Html.neutralise(text).replace('\uFFFE', '\uFFFD').replace('\uFFFF', '\uFFFD');
    }
}
