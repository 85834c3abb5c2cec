package org.rectificationhub.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.RoundRegistration;
import org.rectificationhub.canonical.SchemaValidator;
import org.rectificationhub.parse.ParseContext;
import org.rectificationhub.parse.ParseResult;
import org.rectificationhub.parse.Parsers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rectificationhub.publish.NoticeWords.chinese;

/**
 * Rounds generated at random (seeded, so a failure names the seed that reproduces it) are written as notice.txt and
 * notice.docx and read back by the hub's own parser: the same inspection, categories, problems, measures and texts.
 * <p>
 * What the generator leaves out, and why: a plain notice has no escaping, so text that reads as the notice's own
 * structure cannot come back as it went in. That is a sentence of a measure starting with the next ordinal
 * (…。二是…), which is how a notice starts the next measure, and a title or line starting with a list marker
 * (1. 一、 （一） 一是). Such text is published on the page and in round.json as stored; only the plain-text forms
 * would read it otherwise.
 */
class GeneratedNoticeRoundTripTest {

    private static final String[] WORDS = {"加强", "整改", "落实", "制度", "监督", "学习", "推进", "问题", "责任",
            "台账", "集体资产", "党员干部", "“三线”整治", "农贸市场", "工作机制（试行）", "2024年", "100%", "3.5万元",
            "A级", "GB/T 19001", "e-mail", "《条例》", "第3条", "5个", "—", "～", "·"};
    /** No space between words: the reader drops spaces beside Chinese characters (copies out of PDFs are full of them). */
    private static final String[] JOINTS = {"", "", "，", "、", "；", "："};
    private static final int ROUNDS = 150;

    @Test
    void generatedRoundsReadBackFromTheirPlainTextAndWordNoticesUnchanged() {
        for (int i = 0; i < ROUNDS; i++) {
            long seed = 20261128L + i;
            Random random = new Random(seed);
            ObjectNode registration = round(random);
            SchemaValidator.Checked checked = SchemaValidator.check(registration);
            assertThat(checked.valid()).as("seed %d: a valid round: %s", seed, checked.problem()).isTrue();
            JsonNode published = DisclosurePolicy.publish("round", registration).orElseThrow();
            PublicRound round = new PublicRound(registration.path("round").path("roundId").asText(), published,
                    Map.of(), null);
            RoundRegistration expected = (RoundRegistration) checked.document();

            readBack(NoticeText.render(round).getBytes(StandardCharsets.UTF_8), "notice.txt", expected, seed);
            readBack(NoticeDocx.render(round), "notice.docx", expected, seed);
        }
    }

    @Test
    void controlsBidiTricksAndLoneSurrogatesInDepartmentTextNeitherBreakTheWordFileNorApply() throws Exception {
        ObjectNode registration = round(new Random(7));
        ObjectNode first = (ObjectNode) registration.path("problems").get(0);
        first.put("title", "正常标题\u202Egnp.exe\u0001尾\uD800部");
        JsonNode published = DisclosurePolicy.publish("round", registration).orElseThrow();
        PublicRound round = new PublicRound("tricky", published, Map.of(), null);

        try (org.apache.poi.xwpf.usermodel.XWPFDocument word = new org.apache.poi.xwpf.usermodel.XWPFDocument(
                new java.io.ByteArrayInputStream(NoticeDocx.render(round)))) {
            String text = new org.apache.poi.xwpf.extractor.XWPFWordExtractor(word).getText();
            assertThat(text).contains("1.正常标题\uFFFDgnp.exe\uFFFD尾\uFFFD部").doesNotContain("\u202E", "\u0001");
        }
        assertThat(NoticeText.render(round)).contains("1.正常标题\uFFFDgnp.exe\uFFFD尾\uFFFD部").doesNotContain("\u202E");
    }

    private static void readBack(byte[] bytes, String file, RoundRegistration expected, long seed) {
        ParseResult result = Parsers.parse(bytes, file, ParseContext.of("rectification-office", null));
        assertThat(result.documents()).as("seed %d, %s: %s", seed, file, result).hasSize(1);
        RoundRegistration reread = (RoundRegistration) result.documents().get(0);
        String where = "seed " + seed + ", " + file;
        assertThat(reread.round().inspectionTeam()).as(where).isEqualTo(expected.round().inspectionTeam());
        assertThat(reread.round().inspectedOrg()).as(where).isEqualTo(expected.round().inspectedOrg());
        assertThat(reread.round().inspectedUnits()).as(where).isEqualTo(expected.round().inspectedUnits());
        assertThat(reread.round().period()).as(where).isEqualTo(expected.round().period());
        assertThat(reread.round().feedbackDate()).as(where).isEqualTo(expected.round().feedbackDate());
        assertThat(reread.round().narrative()).as(where).isEqualTo(expected.round().narrative());
        assertThat(reread.round().publication()).as(where).isEqualTo(expected.round().publication());
        assertThat(reread.problems()).as(where).hasSameSizeAs(expected.problems());
        for (int p = 0; p < expected.problems().size(); p++) {
            RoundRegistration.Problem a = expected.problems().get(p);
            RoundRegistration.Problem b = reread.problems().get(p);
            String problem = where + ", problem " + a.problemNo();
            assertThat(b.problemNo()).as(problem).isEqualTo(a.problemNo());
            assertThat(b.category()).as(problem).isEqualTo(a.category());
            assertThat(b.title()).as(problem).isEqualTo(a.title());
            assertThat(b.progress()).as(problem).isEqualTo(a.progress());
            assertThat(b.measures()).as(problem).hasSameSizeAs(a.measures());
            for (int m = 0; m < a.measures().size(); m++) {
                assertThat(b.measures().get(m).seq()).as(problem).isEqualTo(a.measures().get(m).seq());
                assertThat(b.measures().get(m).text()).as(problem).isEqualTo(a.measures().get(m).text());
                assertThat(b.measures().get(m).progress()).as(problem).isEqualTo(a.measures().get(m).progress());
            }
        }
    }

    /** A registration as an office's notice would give it: categories, numbered problems, 一是… measures. */
    private static ObjectNode round(Random random) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("schemaVersion", "1").put("kind", "round").put("updateId", "generated-" + random.nextInt(1_000_000))
                .put("department", "rectification-office").put("sequence", 1)
                .put("reportedAt", "2025-10-16T09:00:00+08:00");
        ObjectNode round = doc.putObject("round");
        round.put("roundId", "generated-" + random.nextInt(1_000_000))
                .put("inspectionTeam", (random.nextBoolean() ? "市委" : "区委") + "第" + chinese(1 + random.nextInt(9))
                        + "巡察组")
                .put("inspectedOrg", "中共" + phrase(random, 1, 2, false) + "街道工作委员会");
        ArrayNode units = round.putArray("inspectedUnits");
        for (int u = random.nextInt(4); u > 0; u--) {
            units.add(phrase(random, 1, 1, false) + "社区党组织");
        }
        round.putObject("period").put("from", "2024-03-25").put("to", "2024-05-07");
        round.put("feedbackDate", "2024-08-" + (10 + random.nextInt(19)));
        ObjectNode narrative = round.putObject("narrative");
        narrative.putArray("mainResponsibility").add("（一）" + sentence(random) + sentence(random));
        narrative.putArray("nextSteps").add(sentences(random, 1, 3));
        ObjectNode publication = round.putObject("publication");
        publication.putObject("commentPeriod").put("from", "2025-10-16").put("to", "2025-11-16");
        publication.put("phone", "0769-2211" + (1000 + random.nextInt(9000)))
                .put("email", "xuncha" + random.nextInt(1000) + "@example.cn");
        ArrayNode problems = doc.putArray("problems");
        int no = 0;
        for (int c = 1, categories = 1 + random.nextInt(5); c <= categories; c++) {
            String category = "关于" + phrase(random, 2, 4, true) + "方面";
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                ObjectNode problem = problems.addObject();
                problem.put("problemNo", ++no);
                problem.putObject("category").put("no", c).put("title", category);
                problem.put("title", phrase(random, 2, 6, true));
                problem.putArray("responsibleUnits");
                ArrayNode measures = problem.putArray("measures");
                int count = random.nextInt(5);
                for (int m = 1; m <= count; m++) {
                    ObjectNode measure = measures.addObject().put("seq", m).put("text", sentence(random));
                    if (random.nextInt(4) > 0) { // else no progress yet: absent, as a notice shows it
                        measure.put("progress", sentences(random, 1, 3));
                    }
                }
                if (count == 0) {
                    problem.put("progress", sentences(random, 1, 2));
                }
            }
        }
        return doc;
    }

    private static String sentences(Random random, int min, int max) {
        StringBuilder s = new StringBuilder();
        for (int n = min + random.nextInt(max - min + 1); n > 0; n--) {
            s.append(sentence(random));
        }
        return s.toString();
    }

    /** A sentence ending in 。 that does not start with a list marker (see the class comment). */
    private static String sentence(Random random) {
        return phrase(random, 2, 7, true) + "。";
    }

    /** Words, with punctuation between them when {@code punctuated}; never starting with a digit or mark. */
    private static String phrase(Random random, int min, int max, boolean punctuated) {
        StringBuilder s = new StringBuilder(WORDS[random.nextInt(10)]);
        for (int n = min + random.nextInt(max - min + 1) - 1; n > 0; n--) {
            s.append(punctuated ? JOINTS[random.nextInt(JOINTS.length)] : "").append(WORDS[random.nextInt(
                    punctuated ? WORDS.length : 10)]);
        }
        return s.toString();
    }
}
