package org.rectificationhub.publish;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Objects;

import static org.rectificationhub.publish.NoticeWords.chinese;
import static org.rectificationhub.publish.NoticeWords.date;

/** The notice of a round (rounds/{id}/index.html), in the structure of a real one, from its public view only. */
final class NoticePage {

    private NoticePage() {
    }

    static String render(PublicRound round, String footer) {
        JsonNode facts = round.facts();
        String title = NoticeText.title(facts);
        Html h = Html.page(title, "../../");
        h.raw("<header><a href=\"../../index.html\">巡察整改公开</a> · <a href=\"feed.xml\">订阅（Atom）</a>")
                .raw(" · <a href=\"round.json\">JSON</a> · <a href=\"notice.txt\">文本</a>")
                .raw(" · <a href=\"notice.docx\">Word</a></header>\n<main>\n");
        h.el("h1", title);
        h.raw("<p class=\"opening\">").text(NoticeText.opening(facts)).raw("</p>\n");
        totals(h, NoticeWords.Totals.of(round.problems()), facts.path("declaredTotals"));
        List<JsonNode> main = list(facts.path("narrative").path("mainResponsibility"));
        int section = 1;
        if (!main.isEmpty()) {
            h.el("h2", chinese(section++) + "、履行巡察整改主体责任情况");
            main.forEach(p -> h.el("p", p.asText()));
        }
        h.el("h2", chinese(section++) + "、巡察整改任务落实情况");
        problems(h, round.problems());
        List<JsonNode> next = list(facts.path("narrative").path("nextSteps"));
        if (!next.isEmpty()) {
            h.el("h2", chinese(section) + "、下一步工作打算");
            next.forEach(p -> h.el("p", p.asText()));
        }
        contacts(h, facts.path("publication"));
        return h.raw("</main>\n").raw(footer).end();
    }

    private static void totals(Html h, NoticeWords.Totals t, JsonNode declared) {
        h.raw("<table class=\"totals\">\n<caption>整改总体情况</caption>\n<tr><th></th><th>台账统计</th>")
                .raw(declared.isObject() ? "<th>公告所述</th>" : "").raw("</tr>\n");
        row(h, "反馈问题", t.problems(), declared.path("problems"), "problems");
        row(h, "已完成整改", t.completed(), declared.path("completed"), "completed");
        row(h, "基本完成", t.basicallyCompleted(), declared.path("basicallyCompleted"), "basically-completed");
        row(h, "正在整改", t.inProgress(), declared.path("inProgress"), "in-progress");
        row(h, "未完成", t.notCompleted(), declared.path("notCompleted"), "not-completed");
        row(h, "整改完成率", t.completionRate().toPlainString() + "%", declared.path("completionRate"), "completion-rate");
        h.raw("</table>\n");
    }

    private static void row(Html h, String label, Object computed, JsonNode declared, String id) {
        String said = declared.isNumber() ? declared.asText() + (id.equals("completion-rate") ? "%" : "") : null;
        boolean differs = said != null && !Objects.equals(said, String.valueOf(computed))
                && !(declared.isNumber() && id.equals("completion-rate")
                && String.valueOf(computed).equals(declared.decimalValue().stripTrailingZeros().toPlainString() + "%"));
        h.raw("<tr id=\"total-" + id + "\"" + (differs ? " class=\"differs\"" : "") + "><th>").text(label)
                .raw("</th><td class=\"computed\">").text(computed).raw("</td>");
        if (said != null) {
            h.raw("<td class=\"declared\">").text(said).raw("</td>");
        }
        h.raw("</tr>\n");
    }

    private static void problems(Html h, List<JsonNode> problems) {
        int category = -1;
        for (JsonNode p : problems) {
            int no = p.path("category").path("no").asInt();
            if (no != category) {
                category = no;
                h.el("h3", "（" + chinese(no) + "）" + p.path("category").path("title").asText());
            }
            int problemNo = p.path("problemNo").asInt();
            h.raw("<section class=\"problem\" id=\"problem-" + problemNo + "\">\n<h4>").text(problemNo + ".")
                    .text(p.path("title").asText()).raw(" ");
            badge(h, p.path("status").asText(null));
            h.raw("</h4>\n");
            if (p.hasNonNull("progress")) {
                h.el("p", p.path("progress").asText());
            }
            if (!p.path("measures").isEmpty()) {
                h.raw("<ol class=\"measures\">\n");
                for (JsonNode m : p.path("measures")) {
                    h.raw("<li><strong>").text(chinese(m.path("seq").asInt()) + "是" + m.path("text").asText())
                            .raw("</strong>").text(m.path("progress").asText("")).raw(" ");
                    badge(h, m.path("status").asText(null));
                    h.raw("</li>\n");
                }
                h.raw("</ol>\n");
            }
            h.raw("<p class=\"more\">").link("problems/" + problemNo + ".html", "整改进展记录").raw("</p>\n</section>\n");
        }
    }

    static void badge(Html h, String status) {
        if (status != null) {
            h.raw("<span class=\"status s-" + Html.escape(status) + "\">").text(Html.status(status)).raw("</span>");
        }
    }

    private static void contacts(Html h, JsonNode pub) {
        if (!pub.isObject()) {
            return;
        }
        h.raw("<section class=\"contacts\">\n");
        h.el("p", NoticeText.closing(pub));
        if (pub.hasNonNull("issuer")) {
            h.raw("<p class=\"issuer\">").text(pub.path("issuer").asText()).raw("<br>")
                    .text(date(pub.path("issuedOn"))).raw("</p>\n");
        }
        h.raw("</section>\n");
    }

    private static List<JsonNode> list(JsonNode array) {
        return array.isArray() ? java.util.stream.StreamSupport.stream(array.spliterator(), false).toList() : List.of();
    }
}
