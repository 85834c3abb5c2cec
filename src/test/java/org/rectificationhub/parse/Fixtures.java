package org.rectificationhub.parse;

import com.networknt.schema.Schema;
import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.CanonicalSchemaLoader;
import org.rectificationhub.canonical.RoundRegistration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Test inputs from src/test/resources and the one way tests parse them. */
final class Fixtures {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-01T02:00:00Z"), ZoneOffset.UTC);
    static final ParseContext OFFICE = new ParseContext("rectification-office", null, null, null, CLOCK);

    private Fixtures() {
    }

    static byte[] resource(String path) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the test classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String path) {
        return new String(resource(path), StandardCharsets.UTF_8);
    }

    static byte[] sampleNotice() {
        return resource("samples/notices/guancheng-2025.txt");
    }

    /** Parses and insists on success and schema validity: every parser output must match its schema. */
    static RoundRegistration parseOk(byte[] bytes, String name, ParseContext ctx) {
        ParseResult result = Parsers.parse(bytes, name, ctx);
        assertThat(result.errors()).as("errors of " + name).isEmpty();
        assertThat(result.documents()).hasSize(1);
        assertValid(result.documents());
        return (RoundRegistration) result.documents().get(0);
    }

    static void assertValid(List<CanonicalDocument> documents) {
        for (CanonicalDocument doc : documents) {
            assertThat(ParseCommand.validate(doc)).as("schema violations").isEmpty();
            assertThat(CanonicalJson.write(doc)).isNotBlank();
        }
    }

    static Schema roundSchema() throws IOException {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream("schemas/round.v1.schema.json")) {
            return CanonicalSchemaLoader.load(in, "schemas/round.v1.schema.json");
        }
    }
}
