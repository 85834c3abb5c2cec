package org.rectificationhub.publish;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.rectificationhub.publish.NoticeWords.chinese;
import static org.rectificationhub.publish.NoticeWords.date;

/**
 * notice.txt: the public view written as a notice in the form offices write them (and the hub's own parser
 * reads): opening, 一、narrative, 二、（一）categories, 1. problems, 一是 measures, 三、next steps, contacts.
 */
final class NoticeText {

    private NoticeText() {
    }

    static String render(PublicRound round) {
        JsonNode facts = round.facts();
        List<String> lines = new ArrayList<>();
        lines.add(opening(facts));
        int section = 1;
        List<String> main = texts(facts.path("narrative").path("mainResponsibility"));
        if (!main.isEmpty()) {
            lines.add(chinese(section++) + "、履行巡察整改主体责任情况");
            lines.addAll(main);
        }
        lines.add(chinese(section++) + "、巡察整改任务落实情况");
        int category = -1;
        for (JsonNode p : round.problems()) {
            int no = p.path("category").path("no").asInt();
            if (no != category) {
                category = no;
                lines.add("（" + chinese(no) + "）" + oneLine(p.path("category").path("title").asText()));
            }
            lines.add(p.path("problemNo").asInt() + "." + oneLine(p.path("title").asText()));
            if (p.hasNonNull("progress")) {
                lines.addAll(texts(p.path("progress")));
            }
            for (JsonNode m : p.path("measures")) {
                lines.add(chinese(m.path("seq").asInt()) + "是" + oneLine(m.path("text").asText())
                        + m.path("progress").asText(""));
            }
        }
        List<String> next = texts(facts.path("narrative").path("nextSteps"));
        if (!next.isEmpty()) {
            lines.add(chinese(section) + "、下一步工作打算");
            lines.addAll(next);
        }
        JsonNode pub = facts.path("publication");
        if (pub.isObject()) {
            lines.add(closing(pub));
            if (pub.hasNonNull("issuer")) {
                lines.add(pub.path("issuer").asText());
                lines.add(date(pub.path("issuedOn")));
            }
        }
        // Department text is shown as stored, never as a bidi control or terminal escape would make it read.
        return Html.neutralise(String.join("\n", lines.stream().filter(l -> !l.isBlank()).toList()) + "\n");
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
}
