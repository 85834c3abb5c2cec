package org.rectificationhub.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.SchemaValidator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.rectificationhub.publish.DisclosureCanaryTest.CANARY;
import static org.rectificationhub.publish.DisclosureCanaryTest.DATE_CANARY;
import static org.rectificationhub.publish.DisclosureCanaryTest.NUMBER_CANARY;

/**
 * Random (seeded) rounds and progress reports, valid against the schemas, with a canary in every field the schemas
 * do not classify public and in the public fields of exempt reports; it records which field paths it filled so the
 * test can show that every non-public field of the schemas was tried.
 */
final class CanaryDocuments {

    private static final String[] WORDS = {"加强", "整改", "落实", "制度", "监督", "学习", "推进", "问题", "责任", "台账"};
    private static final String[] GROUNDS = {"state-secret", "case-under-review", "negative-hype", "mass-petition",
            "other-sensitive"};

    private final Random random;
    private final Map<String, Set<String>> covered = new TreeMap<>();
    private final String marker;
    private int rounds;
    private long sequence;

    CanaryDocuments(Random random) {
        this.random = random;
        this.marker = "公开标记" + random.nextInt(100_000);
    }

    String publicMarker() {
        return marker;
    }

    Set<String> covered(String kind) {
        return covered.getOrDefault(kind, Set.of());
    }

    /** A round registration with 2–5 problems, then a report on each and an exempt report on one. */
    List<JsonNode> round() {
        String roundId = "canary-r-" + (++rounds) + "-" + random.nextInt(1_000_000);
        ObjectNode doc = head("round", "round-" + roundId);
        ObjectNode round = doc.putObject("round");
        round.put("roundId", roundId).put("inspectionTeam", marker + "巡察组").put("inspectedOrg", words() + "党委");
        round.putArray("inspectedUnits").add(words() + "社区");
        round.putObject("period").put("from", "2024-03-25").put("to", "2024-05-07");
        round.put("feedbackDate", "2024-08-20");
        ArrayNode problems = doc.putArray("problems");
        int count = 2 + random.nextInt(4);
        for (int no = 1; no <= count; no++) {
            ObjectNode problem = problems.addObject();
            problem.put("problemNo", no);
            problem.putObject("category").put("no", 1 + (no - 1) / 2).put("title", "关于" + words() + "方面");
            problem.put("title", words() + words());
            fill("round", problem, "problems[].feedbackText", CANARY + "-反馈原文");
            problem.putArray("responsibleUnits").add(CANARY + "-unit");
            mark("round", "problems[].responsibleUnits");
            fill("round", problem, "problems[].responsibleLeader", CANARY + "-leader");
            fill("round", problem, "problems[].responsiblePerson", CANARY + "-person");
            problem.putArray("evidence").add(CANARY + "-evidence");
            mark("round", "problems[].evidence");
            problem.putObject("notes").put("备注", CANARY + "-note");
            mark("round", "problems[].notes");
            ArrayNode measures = problem.putArray("measures");
            for (int seq = 1; seq <= 1 + random.nextInt(3); seq++) {
                measures.addObject().put("seq", seq).put("text", "一是" + words() + "。");
            }
        }
        List<JsonNode> documents = new ArrayList<>(List.of(valid(doc)));
        for (int no = 1; no <= count; no++) {
            documents.add(progress(roundId, no, words() + "，按计划推进。", false));
        }
        documents.add(progress(roundId, 1 + random.nextInt(count), CANARY + "-exempt-progress", true));
        return documents;
    }

    /** A report on a problem, with canaries in every non-public field; exempt ones carry an exemption ground. */
    JsonNode progress(String roundId, int problemNo, String text, boolean exempt) {
        ObjectNode doc = head("progress", CANARY + "-upd-" + marker.hashCode() + "-" + (sequence + 1));
        doc.put("roundId", roundId).put("problemNo", problemNo).put("status", "in-progress").put("progress", text);
        fill("progress", doc, "requestedDeadline", DATE_CANARY);
        ArrayNode evidence = doc.putArray("evidence");
        evidence.addObject().put("title", CANARY + "-evidence-title").put("reference", CANARY + "-ref");
        mark("progress", "evidence", "evidence[].title", "evidence[].reference");
        ArrayNode accountability = doc.putArray("accountability");
        ObjectNode held = accountability.addObject().put("action", CANARY + "-action").put("count", 91700)
                .put("amount", 9173.17);
        held.putArray("subjects").add(CANARY + "-张某");
        mark("progress", "accountability", "accountability[].action", "accountability[].count",
                "accountability[].amount", "accountability[].subjects");
        if (exempt) {
            doc.putObject("exemption").put("ground", GROUNDS[random.nextInt(GROUNDS.length)])
                    .put("approvedBy", CANARY + "-approver").put("approvedOn", DATE_CANARY).put("note", CANARY + "-why");
            mark("progress", "exemption", "exemption.approvedBy", "exemption.approvedOn", "exemption.note");
        }
        return valid(doc);
    }

    private ObjectNode head(String kind, String updateId) {
        ObjectNode doc = CanonicalJson.mapper().createObjectNode();
        doc.put("schemaVersion", "1").put("kind", kind).put("updateId", updateId)
                .put("department", "rectification-office").put("sequence", NUMBER_CANARY + (++sequence))
                .put("reportedAt", DATE_CANARY + "T09:00:00+08:00");
        mark(kind, "updateId", "sequence", "reportedAt");
        return doc;
    }

    private void fill(String kind, ObjectNode node, String path, String value) {
        node.put(path.substring(path.lastIndexOf('.') + 1), value);
        mark(kind, path);
    }

    private void mark(String kind, String... paths) {
        covered.computeIfAbsent(kind, k -> new TreeSet<>()).addAll(List.of(paths));
    }

    private String words() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2 + random.nextInt(3); i++) {
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    private static JsonNode valid(ObjectNode doc) {
        SchemaValidator.Checked checked = SchemaValidator.check(doc);
        if (!checked.valid()) {
            throw new IllegalStateException("the generator made an invalid document: " + checked.problem());
        }
        return doc;
    }
}
