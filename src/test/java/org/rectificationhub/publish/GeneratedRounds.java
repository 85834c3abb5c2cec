package org.rectificationhub.publish;

import org.rectificationhub.canonical.RoundRegistration;
import org.rectificationhub.canonical.RoundRegistration.Category;
import org.rectificationhub.canonical.RoundRegistration.Measure;
import org.rectificationhub.canonical.RoundRegistration.Narrative;
import org.rectificationhub.canonical.RoundRegistration.Period;
import org.rectificationhub.canonical.RoundRegistration.Problem;
import org.rectificationhub.canonical.RoundRegistration.Publication;
import org.rectificationhub.canonical.RoundRegistration.Round;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Rounds as a department could register them, generated for the notice round-trip: categories, problems and
 * measures whose texts mix Chinese, ASCII words and numbers, full-width punctuation, and words that look like the
 * notice's own structure (一是, 1., （二）, 三、, 公开期限 …) inside them. Texts are in the one spelling the hub's parser
 * gives every input (full-width punctuation in Chinese prose, ASCII digits and letters, no stray spaces): a round
 * registered in another spelling reads back respelt, as NoticeRoundTripTest shows by example.
 */
final class GeneratedRounds {

    static final String TEAM = "市委第一巡察组";
    static final String ORG = "中共莞城街道工作委员会";

    private static final List<String> CHINESE = List.of("加强", "落实", "整改", "党建", "责任", "监督", "基层", "社区",
            "制度", "资金", "项目", "管理", "学习", "百千万工程", "乡村振兴", "意识形态", "西隅社区㙍典型村", "𠀀字");
    private static final List<String> ASCII = List.of("ICP", "5G", "WiFi", "A", "x86", "3.5", "2024", "1,000",
            "9:30", "100%", "No.7", "www.example.org", "a-b", "C/D", "12345678901");
    private static final List<String> MARKS = List.of("，", "、", "；", "：", "“", "”", "（", "）", "！", "？", "《",
            "》", "——", "…", "·");
    private static final List<String> LOOKALIKES = List.of("一是", "二是", "十一是", "1.", "2、", "（二）", "三、",
            "公开期限", "联系电话", "主办单位", "欢迎", "下一步", "反馈", "巡察组", "长期坚持", "已完成");

    private static final Pattern INLINE_MEASURE = Pattern.compile("[。；！：]一是");
    private static final Pattern ORDINAL_AFTER_STOP = Pattern.compile("[。；！\\s][一二三四五六七八九十]{1,3}是");
    private static final Pattern CLOSING_OR_FOOTER = Pattern.compile("^欢迎|公开期限|联系电话|主办单位");
    private static final Pattern ASCII_END = Pattern.compile(".*[A-Za-z0-9%.]$");
    private static final Pattern ASCII_START = Pattern.compile("^[A-Za-z0-9].*");

    private GeneratedRounds() {
    }

    record GeneratedMeasure(String heading, String progress) {
    }

    record GeneratedProblem(String title, String progress, List<GeneratedMeasure> measures) {
    }

    record GeneratedCategory(String title, List<GeneratedProblem> problems) {
    }

    /** One to twelve categories: a round as a seeded generator gives it (the seed names a failure's round). */
    static List<GeneratedCategory> categories(Random random) {
        List<GeneratedCategory> categories = new ArrayList<>();
        for (int c = between(random, 1, 12); c > 0; c--) {
            categories.add(category(random));
        }
        return categories;
    }

    static GeneratedCategory category(Random random) {
        List<GeneratedProblem> problems = new ArrayList<>();
        for (int p = between(random, 1, 4); p > 0; p--) {
            problems.add(problem(random));
        }
        return new GeneratedCategory(title(random), problems);
    }

    /** A problem with 0 to 12 measures (十一是, 十二是), and at times paragraphs of progress of its own. */
    static GeneratedProblem problem(Random random) {
        String title = title(random);
        List<String> paragraphs = new ArrayList<>();
        for (int n = between(random, 0, 2); n > 0; n--) {
            paragraphs.add(paragraph(random));
        }
        List<GeneratedMeasure> measures = new ArrayList<>();
        for (int m = between(random, 0, 12); m > 0; m--) {
            measures.add(measure(random));
        }
        return new GeneratedProblem(title, paragraphs.isEmpty() ? null : String.join("\n", paragraphs), measures);
    }

    /**
     * A heading: any mix of words, but not ending in the stop a heading's reader drops (。；，), and with no 一是
     * after a stop (…；一是…): notices write a problem's first measure on its heading line so, and the hub reads
     * it so.
     */
    static String title(Random random) {
        while (true) {
            String t = text(random, 1, 8);
            if (!t.matches(".*[。；，]$") && !INLINE_MEASURE.matcher(t).find()) {
                return t;
            }
        }
    }

    /**
     * A measure: its heading sentence, then, at times, its progress, running on after the heading and at times on
     * a paragraph below. Neither holds 二是 after a stop (。；！) or a space: notices write measures on one line as
     * 一是…；二是…, and the hub reads them so, as the next measure.
     */
    static GeneratedMeasure measure(Random random) {
        while (true) {
            String heading = text(random, 1, 8) + "。";
            String runOn = random.nextBoolean() ? null : text(random, 1, 8) + "。";
            String below = random.nextInt(5) == 0 ? paragraph(random) : null;
            String progress = below == null ? runOn : (runOn == null ? "" : runOn + "\n") + below;
            if (!ORDINAL_AFTER_STOP.matcher(heading + Objects.toString(progress, "")).find()) {
                return new GeneratedMeasure(heading, progress);
            }
        }
    }

    /**
     * A paragraph of progress, on a line of its own: it starts with a Chinese word and holds no word of a notice's
     * closing or of a web page's footer. A paragraph that starts like a heading (（二）, 3., 一是, 三、) is read as that
     * heading, one naming the contacts (公开期限, 联系电话 …) as the closing, one naming the 主办单位 as page
     * furniture: in plain text nothing tells them apart (headings themselves are told apart, and are generated with
     * all of these words). The hub publishes such progress as written; only a re-reading of the notice would split
     * or drop it.
     */
    static String paragraph(Random random) {
        while (true) {
            String p = pick(random, CHINESE) + text(random, 0, 8) + "。";
            if (!CLOSING_OR_FOOTER.matcher(p).find()) {
                return p;
            }
        }
    }

    /** Words joined as they are written: a space only between two ASCII words; Chinese words three times as often. */
    static String text(Random random, int minWords, int maxWords) {
        List<String> words = new ArrayList<>();
        for (int n = between(random, minWords, maxWords); n > 0; n--) {
            int kind = random.nextInt(12);
            words.add(pick(random, kind < 6 ? CHINESE : kind < 8 ? ASCII : kind < 10 ? MARKS : LOOKALIKES));
        }
        return join(words);
    }

    private static int between(Random random, int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    private static String pick(Random random, List<String> words) {
        return words.get(random.nextInt(words.size()));
    }

    private static String join(List<String> words) {
        StringBuilder text = new StringBuilder();
        for (String w : words) {
            if (ASCII_END.matcher(text).matches() && ASCII_START.matcher(w).matches()) {
                text.append(' ');
            }
            text.append(w);
        }
        return text.toString();
    }

    /** Categories numbered （一）…, problems numbered on across them, measures 一是…; fixed round facts. */
    static RoundRegistration round(List<GeneratedCategory> categories) {
        List<Problem> problems = new ArrayList<>();
        for (int c = 0; c < categories.size(); c++) {
            Category category = new Category(c + 1, categories.get(c).title());
            for (GeneratedProblem p : categories.get(c).problems()) {
                List<Measure> measures = new ArrayList<>();
                for (GeneratedMeasure m : p.measures()) {
                    measures.add(new Measure(measures.size() + 1, m.heading(), null, m.progress()));
                }
                problems.add(new Problem(problems.size() + 1, category, p.title(), null, List.of(), null, null, null,
                        null, p.progress(), List.of(), Map.of(), measures));
            }
        }
        Round round = new Round("round-20240820-0000000000", TEAM, ORG, List.of("东正社区党组织"),
                new Period(LocalDate.of(2024, 3, 25), LocalDate.of(2024, 5, 7)), LocalDate.of(2024, 8, 20), null,
                new Publication(new Period(LocalDate.of(2025, 10, 16), LocalDate.of(2025, 11, 16)), "0769-22118522",
                        "xuncha@example.org", "东莞市莞城街道高第街1号", "523000", ORG, LocalDate.of(2025, 10, 16)),
                new Narrative(List.of("压实政治责任，全面履职尽责。"), List.of("一是持续深化整改。")));
        return new RoundRegistration("1.0", RoundRegistration.KIND, "generated", NoticeReading.OFFICE, 1,
                OffsetDateTime.parse("2025-10-16T00:00:00+08:00"), round, problems);
    }
}
