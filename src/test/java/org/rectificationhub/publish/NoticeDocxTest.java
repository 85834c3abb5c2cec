package org.rectificationhub.publish;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.RoundRegistration;
import org.rectificationhub.publish.GeneratedRounds.GeneratedCategory;
import org.rectificationhub.publish.GeneratedRounds.GeneratedMeasure;
import org.rectificationhub.publish.GeneratedRounds.GeneratedProblem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NoticeDocxTest {

    private static final PublicRound SAMPLE = NoticeReading.shown(NoticeReading.parsed(NoticeReading.sample(),
            "notice.txt"));

    private static XWPFDocument open(byte[] docx) throws IOException {
        return new XWPFDocument(new ByteArrayInputStream(docx));
    }

    @Test
    void theWordFileHoldsTheLinesOfNoticeTxtOneParagraphEach() throws IOException {
        try (XWPFDocument doc = open(NoticeDocx.render(SAMPLE))) {
            assertThat(doc.getParagraphs().stream().map(XWPFParagraph::getText))
                    .containsExactlyElementsOf(NoticeText.render(SAMPLE).lines().toList());
        }
    }

    @Test
    void theNoticeIsLaidOutAsAnOfficeLaysItOutWithLiteralNumbers() throws IOException {
        try (XWPFDocument doc = open(NoticeDocx.render(SAMPLE))) {
            List<XWPFParagraph> paragraphs = doc.getParagraphs();
            XWPFParagraph title = paragraphs.get(0);
            assertThat(title.getText()).isEqualTo("中共莞城街道工作委员会巡察整改进展情况公布");
            assertThat(title.getAlignment()).isEqualTo(ParagraphAlignment.CENTER);
            assertThat(title.getRuns().get(0).isBold()).isTrue();
            assertThat(eastAsiaFont(title)).isEqualTo("宋体");

            XWPFParagraph problem = find(paragraphs, "1.加深对实施");
            assertThat(problem.getRuns().get(0).isBold()).isTrue();
            XWPFParagraph measure = find(paragraphs, "一是及时深入学习贯彻上级精神。");
            assertThat(measure.getRuns().get(0).isBold()).isFalse();
            assertThat(measure.getIndentationFirstLine()).isEqualTo(640);
            assertThat(eastAsiaFont(measure)).isEqualTo("仿宋");
            assertThat(find(paragraphs, "2025年10月16日").getAlignment()).isEqualTo(ParagraphAlignment.RIGHT);
            assertThat(paragraphs).allSatisfy(p -> assertThat(p.getNumID()).as(p.getText()).isNull());
        }
    }

    @Test
    void theSameRoundGivesTheSameBytesWithNoDateOfSaving() throws IOException {
        byte[] docx = NoticeDocx.render(SAMPLE);
        assertThat(NoticeDocx.render(SAMPLE)).isEqualTo(docx);
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(docx)).get()) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                assertThat(LocalDateTime.ofInstant(Instant.ofEpochMilli(entry.getTime()), ZoneId.systemDefault()))
                        .as(entry.getName()).isEqualTo(LocalDateTime.of(2000, 1, 1, 0, 0));
            }
            String core = new String(zip.getInputStream(zip.getEntry("docProps/core.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(core).contains("巡察整改进展情况公布").doesNotContain("dcterms:created", "dcterms:modified", "POI");
        }
    }

    @Test
    void bidiControlsAreNeutralisedAndWhatXmlCannotHoldIsDroppedInBothFiles() throws IOException {
        RoundRegistration round = GeneratedRounds.round(List.of(new GeneratedCategory("关于作风建设方面",
                List.of(new GeneratedProblem("付款\u202Egnp.exe\uFFFF\uD800结束", null,
                        List.of(new GeneratedMeasure("清理\u0007台账。", null)))))));
        PublicRound shown = NoticeReading.shown(round);
        byte[] docx = NoticeDocx.render(shown);
        try (XWPFDocument doc = open(docx)) {
            assertThat(doc.getParagraphs().stream().map(XWPFParagraph::getText))
                    .contains("1.付款\uFFFDgnp.exe结束", "一是清理\uFFFD台账。");
        }
        for (RoundRegistration reread : List.of(NoticeReading.parsed(docx, "notice.docx"), NoticeReading.parsed(
                NoticeText.render(shown).getBytes(StandardCharsets.UTF_8), "notice.txt"))) {
            assertThat(reread.problems().get(0).title()).isEqualTo("付款\uFFFDgnp.exe结束");
            assertThat(reread.problems().get(0).measures().get(0).text()).isEqualTo("清理\uFFFD台账。");
        }
    }

    private static XWPFParagraph find(List<XWPFParagraph> paragraphs, String start) {
        return paragraphs.stream().filter(p -> p.getText().startsWith(start)).findFirst().orElseThrow();
    }

    private static String eastAsiaFont(XWPFParagraph p) {
        return p.getRuns().get(0).getFontFamily(XWPFRun.FontCharRange.eastAsia);
    }
}
