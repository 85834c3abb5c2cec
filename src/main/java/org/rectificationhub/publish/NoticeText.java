package org.rectificationhub.publish;

import com.fasterxml.jackson.databind.JsonNode;
import org.rectificationhub.OutputText;

import java.util.ArrayList;
import java.util.List;

import static org.rectificationhub.publish.NoticeWords.chinese;
import static org.rectificationhub.publish.NoticeWords.date;

/**
 * The public view written as a notice in the form offices write them (and the hub's own parser reads): title,
 * opening, 一、narrative, 二、（一）categories, 1. problems, 一是 measures, 三、next steps, contacts, issuer and date.
 * Its lines are the one source of notice.txt and notice.docx, so the two files cannot say different things.
 */
final class NoticeText {

    /** What a line is in the notice: the Word renderer lays each part out as an office would. */
    enum Part { TITLE, OPENING, SECTION, CATEGORY, PROBLEM, MEASURE, PARAGRAPH, CLOSING, ISSUER, DATE }

    record Line(Part part, String text) {
    }

    private NoticeText() {
    }

    /** notice.txt: the lines, one a line, UTF-8 without a BOM. */
    static String render(PublicRound round) {
        StringBuilder text = new StringBuilder();
        lines(round).forEach(line -> text.append(line.text()).append('\n'));
        return text.toString();
    }

    static List<Line> lines(PublicRound round) {
        JsonNode facts = round.facts();
        Lines lines = new Lines();
        lines.add(Part.TITLE, title(facts));
        lines.add(Part.OPENING, opening(facts));
        int section = 1;
        List<String> main = texts(facts.path("narrative").path("mainResponsibility"));
        if (!main.isEmpty()) {
            lines.add(Part.SECTION, chinese(section++) + "、履行巡察整改主体责任情况");
            main.forEach(p -> lines.add(Part.PARAGRAPH, p));
        }
        lines.add(Part.SECTION, chinese(section++) + "、巡察整改任务落实情况");
        int category = -1;
        for (JsonNode p : round.problems()) {
            int no = p.path("category").path("no").asInt();
            if (no != category) {
                category = no;
                lines.add(Part.CATEGORY, "（" + chinese(no) + "）" + oneLine(p.path("category").path("title").asText()));
            }
            String title = oneLine(p.path("title").asText());
            // 1.5G… reads as the decimal 1.5: before a digit the number takes 、 (1、5G…), as notices also write it.
            boolean digit = !title.isEmpty() && Character.isDigit(title.codePointAt(0));
            lines.add(Part.PROBLEM, p.path("problemNo").asInt() + (digit ? "、" : ".") + title);
            texts(p.path("progress")).forEach(t -> lines.add(Part.PARAGRAPH, t));
            for (JsonNode m : p.path("measures")) {
                // The measure's progress runs on after its heading sentence, as notices write it; the parser
                // reads later lines of it as the same measure's progress.
                List<String> progress = texts(m.path("progress"));
                lines.add(Part.MEASURE, chinese(m.path("seq").asInt()) + "是" + oneLine(m.path("text").asText())
                        + (progress.isEmpty() ? "" : progress.get(0)));
                progress.stream().skip(1).forEach(t -> lines.add(Part.PARAGRAPH, t));
            }
        }
        List<String> next = texts(facts.path("narrative").path("nextSteps"));
        if (!next.isEmpty()) {
            lines.add(Part.SECTION, chinese(section) + "、下一步工作打算");
            next.forEach(p -> lines.add(Part.PARAGRAPH, p));
        }
        JsonNode pub = facts.path("publication");
        if (pub.isObject()) {
            lines.add(Part.CLOSING, closing(pub));
            if (pub.hasNonNull("issuer")) {
                lines.add(Part.ISSUER, pub.path("issuer").asText());
                lines.add(Part.DATE, date(pub.path("issuedOn")));
            }
        }
        return lines.all;
    }

    /** The heading of the notice, as the page and the files title it. */
    static String title(JsonNode facts) {
        return facts.path("inspectedOrg").asText() + "巡察整改进展情况公布";
    }

    /** Who inspected whom, when, and when the feedback was given. */
    static String opening(JsonNode facts) {
        String team = facts.path("inspectionTeam").asText();
        StringBuilder whom = new StringBuilder(facts.path("inspectedOrg").asText());
        List<String> units = texts(facts.path("inspectedUnits"));
        if (!units.isEmpty()) {
            whom.append("及").append(String.join("、", units));
        }
        JsonNode period = facts.path("period");
        return "根据巡察工作统一安排，" + date(period.path("from")) + "至" + date(period.path("to")) + "，" + team + "对"
                + whom + "开展了巡察。" + date(facts.path("feedbackDate")) + "，" + team + "向"
                + facts.path("inspectedOrg").asText() + "反馈了巡察意见。根据巡察工作有关要求，现将巡察整改进展情况予以公布。";
    }

    /** The comment period and the channels for comments. */
    static String closing(JsonNode pub) {
        StringBuilder s = new StringBuilder("欢迎广大干部群众对巡察整改落实情况进行监督。如有意见建议，请及时向我们反映。");
        JsonNode period = pub.path("commentPeriod");
        if (period.isObject()) {
            s.append("公开期限：").append(date(period.path("from"))).append("至").append(date(period.path("to"))).append("。");
        }
        List<String> parts = new ArrayList<>();
        add(parts, "联系电话：", pub.path("phone"));
        add(parts, "电子邮箱：", pub.path("email"));
        add(parts, "邮政信箱：", pub.path("postalAddress"));
        add(parts, "邮政编码：", pub.path("postcode"));
        return parts.isEmpty() ? s.toString() : s.append(String.join("；", parts)).append("。").toString();
    }

    private static void add(List<String> parts, String label, JsonNode value) {
        if (value.isTextual() && !value.asText().isBlank()) {
            parts.add(label + oneLine(value.asText()));
        }
    }

    /** Lines of a text or of a list of texts. */
    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.addAll(texts(n)));
        } else if (node.isTextual()) {
            node.asText().lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(out::add);
        }
        return out;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /**
     * Lines as both files carry them: blank ones left out; bidi and control characters neutralised as on the pages (a file
     * must not read otherwise than it is stored, and the hub's parser refuses such text), and what XML 1.0
     * cannot hold (unpaired surrogates, U+FFFE, U+FFFF) dropped, so that Word, and the parser, can open the file.
     */
    private static final class Lines {
        final List<Line> all = new ArrayList<>();

        void add(Part part, String text) {
            StringBuilder kept = new StringBuilder(text.length());
            OutputText.neutralise(text).codePoints().filter(cp -> cp < Character.MIN_SURROGATE
                    || cp > Character.MAX_SURROGATE && cp != 0xFFFE && cp != 0xFFFF).forEach(kept::appendCodePoint);
            if (!kept.toString().isBlank()) {
                all.add(new Line(part, kept.toString()));
            }
        }
    }
}
