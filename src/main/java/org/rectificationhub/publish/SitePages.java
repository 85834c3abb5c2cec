package org.rectificationhub.publish;

import com.fasterxml.jackson.databind.JsonNode;
import org.rectificationhub.ledger.Checkpoint;

import java.util.List;

import static org.rectificationhub.publish.NoticeWords.chinese;

/** The smaller pages: the index of rounds, a problem's public history, and the footer every page carries. */
final class SitePages {

    private SitePages() {
    }

    static String index(List<PublicRound> rounds, String footer) {
        Html h = Html.page("巡察整改公开", "");
        h.raw("<header><a href=\"feed.xml\">订阅（Atom）</a> · <a href=\"rounds.json\">JSON</a>")
                .raw(" · <a href=\"checkpoints.json\">台账签名检查点</a></header>\n<main>\n");
        h.el("h1", "巡察整改公开");
        h.raw("<ul class=\"rounds\">\n");
        for (PublicRound r : rounds) {
            JsonNode f = r.facts();
            h.raw("<li>").link("rounds/" + r.roundId() + "/index.html",
                    f.path("inspectionTeam").asText() + "对" + f.path("inspectedOrg").asText() + "的巡察")
                    .raw(" <span class=\"date\">反馈：").text(NoticeWords.date(f.path("feedbackDate")))
                    .raw("</span></li>\n");
        }
        return h.raw("</ul>\n</main>\n").raw(footer).end();
    }

    /** One page of a problem's public history, its entries newest first; an archived page's problem has no status. */
    static String history(PublicRound round, JsonNode problem, List<JsonNode> entries, HistoryPage page, String footer) {
        Html h = Html.page(problem.path("problemNo").asInt() + "." + problem.path("title").asText(), "../../../");
        h.raw("<header>").link("../index.html#problem-" + problem.path("problemNo").asInt(), "返回公告")
                .raw("</header>\n<main>\n");
        h.raw("<h1>").text(problem.path("problemNo").asInt() + "." + problem.path("title").asText()).raw(" ");
        NoticePage.badge(h, problem.path("status").asText(null));
        h.raw("</h1>\n<p>").text(round.facts().path("inspectedOrg").asText()).raw(" · （")
                .text(chinese(problem.path("category").path("no").asInt())).raw("）")
                .text(problem.path("category").path("title").asText()).raw("</p>\n");
        h.el("h2", "整改进展记录");
        if (entries.isEmpty()) {
            h.el("p", "暂无公开的进展记录。");
        }
        h.raw(page.alone() ? "<ol class=\"history\" reversed>\n"
                : "<ol class=\"history\" reversed start=\"" + page.start(entries.size()) + "\">\n");
        for (JsonNode e : entries) {
            h.raw("<li><time datetime=\"").attr(e.path("date").asText()).raw("\">").text(e.path("date").asText())
                    .raw("</time> ");
            if (e.hasNonNull("measureSeq")) {
                h.text("措施" + chinese(e.path("measureSeq").asInt()) + " ");
            }
            NoticePage.badge(h, e.path("status").asText(null));
            h.raw("<p>").text(e.path("progress").asText("")).raw("</p></li>\n");
        }
        h.raw("</ol>\n");
        if (!page.alone()) {
            h.raw("<p class=\"pages\">");
            if (page.number() != 0) {
                h.link(HistoryPage.newest(page.problemNo(), page.archived()).file(), "最新记录");
            }
            if (page.older() != null) {
                h.raw(page.number() != 0 ? " · " : "").link(page.older(), "较早的记录");
            }
            h.raw("</p>\n");
        }
        return h.raw("</main>\n").raw(footer).end();
    }

    /** The latest signed checkpoint and the public key, so a reader can hold the hub to what it published. */
    static String footer(List<Checkpoint> checkpoints, String publicKey, String root) {
        Html h = new Html();
        h.raw("<footer>\n<p>本页由整改台账自动生成。");
        if (!checkpoints.isEmpty()) {
            Checkpoint c = checkpoints.get(checkpoints.size() - 1);
            h.raw("台账签名检查点：第").text(c.position()).raw("条，哈希 <code>").text(c.headHash())
                    .raw("</code>，").text(c.signedAt()).raw("，签名 <code class=\"key\">").text(c.signature())
                    .raw("</code>。");
        }
        h.raw("公钥（Ed25519）：<code class=\"key\">").text(publicKey).raw("</code>。")
                .link(root + "checkpoints.json", "全部检查点").raw("</p>\n</footer>\n");
        return h.toString();
    }
}
