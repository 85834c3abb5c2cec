package org.rectificationhub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.ProgressUpdate;
import org.rectificationhub.canonical.RoundRegistration;
import org.rectificationhub.canonical.SchemaCatalog;
import org.rectificationhub.department.Department;
import org.rectificationhub.department.Departments;

import java.util.List;
import java.util.function.Consumer;

/** Fixtures built from the schemas' own examples, so tests and the published contract never drift apart. */
public final class Examples {

    public static final String ROUND_ID = "dg-xc1-guancheng-2024";
    public static final String OFFICE = "rectification-office";
    public static final String ECONOMY = "economic-development";
    public static final String URBAN = "urban-management";
    public static final String PARTY = "party-building";

    private Examples() {
    }

    public static ObjectNode roundJson() {
        return (ObjectNode) SchemaCatalog.examples("round").get(0).deepCopy();
    }

    /**
     * The first progress example as the responsible department sends it: economic-development reports measure 1
     * of problem 1 completed. (The schema's examples are the office's, so they are accepted in its inbox.)
     */
    public static ObjectNode progressJson() {
        return progressJson(0);
    }

    /**
     * Example 0 from economic-development (problem 1), example 1 from urban-management (problem 4) without the
     * exemption the office's example carries: only the office may exempt a problem ({@link #officeExemption()}).
     */
    public static ObjectNode progressJson(int example) {
        ObjectNode json = (ObjectNode) SchemaCatalog.examples("progress").get(example).deepCopy();
        String department = example == 0 ? ECONOMY : URBAN;
        json.remove("exemption");
        return json.put("department", department)
                .put("updateId", json.get("updateId").asText().replace("office", department));
    }

    /** The schema's second example as it is: the office exempts problem 4 from publication (mass-petition). */
    public static ObjectNode officeExemption() {
        return (ObjectNode) SchemaCatalog.examples("progress").get(1).deepCopy();
    }

    public static RoundRegistration round() {
        return (RoundRegistration) document(roundJson());
    }

    public static RoundRegistration round(Consumer<ObjectNode> change) {
        ObjectNode json = roundJson();
        change.accept(json);
        return (RoundRegistration) document(json);
    }

    public static ProgressUpdate progress(Consumer<ObjectNode> change) {
        ObjectNode json = progressJson();
        change.accept(json);
        return (ProgressUpdate) document(json);
    }

    public static CanonicalDocument document(JsonNode json) {
        try {
            return CanonicalJson.toDocument(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The departments of the default configuration (application.yaml), with the names ledgers use. */
    public static Departments departments() {
        return new Departments(List.of(
                new Department(OFFICE, "莞城街道巡察整改工作领导小组办公室", List.of("整改办"), true, null),
                new Department(ECONOMY, "莞城街道经济发展局", List.of("经发局"), false, null),
                new Department(URBAN, "莞城街道城市管理和综合执法分局", List.of("城管分局"), false, null),
                new Department(PARTY, "莞城街道党建工作办公室", List.of("党建办"), false, null)));
    }
}
