package org.rectificationhub.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.schibsted.spt.data.jslt.Parser;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.ProgressUpdate;
import org.rectificationhub.canonical.Status;
import org.rectificationhub.canonical.SchemaValidator;

import static org.assertj.core.api.Assertions.assertThat;

/** Contract: the demo department's mapping turns its example into a valid canonical progress update. */
class PartyBuildingMappingTest {

    @Test
    void theMappedExampleValidatesAgainstTheProgressSchema() throws Exception {
        JsonNode example = CanonicalJson.mapper().readTree(
                DepartmentMappings.classpath("schemas/mappings/party-building.example.json").orElseThrow());
        JsonNode mapped = DepartmentMappings.map(Parser.compileString(
                DepartmentMappings.classpath("schemas/mappings/party-building.jslt").orElseThrow()), example,
                "party-building");

        ProgressUpdate update = (ProgressUpdate) SchemaValidator.check(mapped).document();

        assertThat(update.department()).isEqualTo("party-building");
        assertThat(update.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(update.problemNo()).isEqualTo(14);
        assertThat(update.measureSeq()).isEqualTo(1);
        assertThat(update.evidence()).singleElement().satisfies(e -> assertThat(e.reference()).isEqualTo("莞城党建〔2024〕31号"));
    }

    @Test
    void aCanonicalPayloadIsNotMappedAgain() throws Exception {
        JsonNode canonical = CanonicalJson.mapper().readTree("{\"schemaVersion\":\"1\",\"kind\":\"progress\"}");
        JsonNode result = DepartmentMappings.map(Parser.compileString(
                DepartmentMappings.classpath("schemas/mappings/party-building.jslt").orElseThrow()), canonical,
                "party-building");
        assertThat(result).isSameAs(canonical);
    }
}
