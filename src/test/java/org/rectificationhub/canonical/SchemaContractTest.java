package org.rectificationhub.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every schema example is valid, maps to the Java records, and the records write it back valid and unchanged. */
class SchemaContractTest {

    static Stream<String> kinds() {
        return SchemaCatalog.KINDS.stream();
    }

    static Schema schema(String kind) throws Exception {
        String path = SchemaCatalog.schemaPath(kind, CanonicalDocument.SCHEMA_VERSION).orElseThrow();
        try (InputStream in = SchemaContractTest.class.getClassLoader().getResourceAsStream(path)) {
            return CanonicalSchemaLoader.load(in, path);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everySchemaHasAtLeastOneExampleAndEveryExampleIsValid(String kind) throws Exception {
        List<JsonNode> examples = SchemaCatalog.examples(kind);
        assertThat(examples).isNotEmpty();
        for (JsonNode example : examples) {
            assertThat(CanonicalSchemaLoader.violations(schema(kind), example)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void recordsWriteEveryExampleBackValidAndUnchanged(String kind) throws Exception {
        for (JsonNode example : SchemaCatalog.examples(kind)) {
            CanonicalDocument document = CanonicalJson.toDocument(example);
            JsonNode written = CanonicalJson.readTree(CanonicalJson.write(document));

            assertThat(document.kind()).isEqualTo(kind);
            assertThat(CanonicalSchemaLoader.violations(schema(kind), written)).isEmpty();
            assertThat(written).isEqualTo(CanonicalJson.readTree(CanonicalJson.write(example)));
        }
    }

    @Test
    void violationsNameTheFieldWhatWasWrongAndWhatWasExpected() throws Exception {
        var example = (com.fasterxml.jackson.databind.node.ObjectNode) SchemaCatalog.examples("progress").get(0);
        example.put("status", "finished").put("reportedAt", "yesterday").remove("roundId");

        List<Error> errors = CanonicalSchemaLoader.violations(schema("progress"), example);

        assertThat(errors).extracting(Error::toString).anySatisfy(m ->
                assertThat(m).contains("$.status").contains("enumeration").contains("in-progress"));
        assertThat(errors).extracting(Error::toString).anySatisfy(m ->
                assertThat(m).contains("$.reportedAt").contains("date-time"));
        assertThat(errors).extracting(Error::toString).anySatisfy(m ->
                assertThat(m).contains("roundId").contains("required"));
    }

    @Test
    void theSchemaItselfClassifiesWhatMayBePublished() {
        Map<String, Classification> progress = SchemaCatalog.classifications("progress");
        Map<String, Classification> round = SchemaCatalog.classifications("round");

        assertThat(progress).containsEntry("accountability[].subjects", Classification.CONFIDENTIAL)
                .containsEntry("accountability[].action", Classification.INTERNAL)
                .containsEntry("exemption", Classification.CONFIDENTIAL)
                .containsEntry("exemption.ground", Classification.CONFIDENTIAL)
                .containsEntry("status", Classification.PUBLIC)
                .containsEntry("progress", Classification.PUBLIC)
                .containsEntry("evidence", Classification.INTERNAL)
                .containsEntry("department", Classification.INTERNAL);
        assertThat(round).containsEntry("round.publication.phone", Classification.PUBLIC)
                .containsEntry("problems[].title", Classification.PUBLIC)
                .containsEntry("problems[].measures[].text", Classification.PUBLIC)
                .containsEntry("problems[].feedbackText", Classification.INTERNAL)
                .containsEntry("problems[].responsibleLeader", Classification.INTERNAL);
    }
}
