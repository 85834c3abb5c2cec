package org.rectificationhub.publish;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Atom feeds: one per round (an entry per published problem), one for the site (an entry per round). */
final class Feeds {

    private static final OffsetDateTime EPOCH = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private Feeds() {
    }

    /** @param newest each published problem's newest public report, if it has one */
    static String round(PublicRound round, Map<Integer, JsonNode> newest, String base) {
        String self = base + "rounds/" + round.roundId() + "/";
        StringBuilder x = head(round.facts().path("inspectedOrg").asText() + "巡察整改进展", "urn:rectification-hub:round:"
                + round.roundId(), updated(round), self + "feed.xml", self + "index.html");
        for (JsonNode p : round.problems()) {
            int no = p.path("problemNo").asInt();
            JsonNode latest = newest.get(no);
            String when = latest == null ? updated(round) : latest.path("date").asText() + "T00:00:00+08:00";
            entry(x, no + "." + p.path("title").asText(), "urn:rectification-hub:round:" + round.roundId() + ":problem:"
                    + no, when, self + "problems/" + no + ".html", Html.status(p.path("status").asText(null)) + " "
                    + (latest == null ? "" : latest.path("progress").asText("")));
        }
        return x.append("</feed>\n").toString();
    }

    static String site(List<PublicRound> rounds, String base) {
        String updated = rounds.stream().map(Feeds::updated).max(String::compareTo).orElse(EPOCH.toString());
        StringBuilder x = head("巡察整改公开", "urn:rectification-hub:site", updated, base + "feed.xml", base + "index.html");
        for (PublicRound r : rounds) {
            entry(x, r.facts().path("inspectionTeam").asText() + "对" + r.facts().path("inspectedOrg").asText() + "的巡察",
                    "urn:rectification-hub:round:" + r.roundId(), updated(r), base + "rounds/" + r.roundId() + "/index.html",
                    NoticeText.opening(r.facts()));
        }
        return x.append("</feed>\n").toString();
    }

    private static String updated(PublicRound r) {
        return (r.updated() == null ? EPOCH : r.updated()).withOffsetSameInstant(ZoneOffset.UTC).withNano(0).toString();
    }

    private static StringBuilder head(String title, String id, String updated, String self, String alternate) {
        return new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n<id>").append(Html.escape(id))
                .append("</id>\n<updated>").append(updated).append("</updated>\n<author><name>巡察整改公开</name></author>\n")
                .append("<link rel=\"self\" href=\"").append(Html.escape(self)).append("\"/>\n<link rel=\"alternate\" href=\"")
                .append(Html.escape(alternate)).append("\"/>\n");
    }

    private static void entry(StringBuilder x, String title, String id, String updated, String link, String summary) {
        x.append("<entry>\n<title>").append(Html.escape(title)).append("</title>\n<id>").append(Html.escape(id))
                .append("</id>\n<updated>").append(Html.escape(updated)).append("</updated>\n<link href=\"")
                .append(Html.escape(link)).append("\"/>\n<summary>").append(Html.escape(summary))
                .append("</summary>\n</entry>\n");
    }
}
