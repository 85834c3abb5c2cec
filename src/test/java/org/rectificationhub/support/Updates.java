package org.rectificationhub.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.SchemaCatalog;

import java.nio.charset.StandardCharsets;

/** Canonical documents for the tests, built on the schema examples: the example round and its three problems. */
public final class Updates {

    /** The example round's problems and the department responsible for each. */
    public static final int[] PROBLEMS = {1, 4, 14};
    public static final String[] RESPONSIBLE = {"economic-development", "urban-management", "party-building"};
    public static final String OFFICE = "rectification-office";

    private Updates() {
    }

    /** The example round registration under another roundId, so that every test has a round of its own. */
    public static byte[] round(String roundId) {
        ObjectNode round = (ObjectNode) SchemaCatalog.examples("round").get(0).deepCopy();
        round.put("updateId", "round-" + roundId);
        ((ObjectNode) round.get("round")).put("roundId", roundId);
        return bytes(round);
    }

    public static ObjectNode progress(String roundId, String department, int problemNo, long sequence,
                                      String updateId) {
        ObjectNode update = CanonicalJson.mapper().createObjectNode();
        update.put("schemaVersion", "1");
        update.put("kind", "progress");
        update.put("updateId", updateId);
        update.put("department", department);
        update.put("sequence", sequence);
        update.put("reportedAt", "2024-10-01T09:00:00+08:00");
        update.put("roundId", roundId);
        update.put("problemNo", problemNo);
        update.put("status", "in-progress");
        update.put("progress", "第" + sequence + "次报送：按计划推进整改。");
        return update;
    }

    public static byte[] bytes(Object node) {
        return CanonicalJson.write(node).getBytes(StandardCharsets.UTF_8);
    }
}
