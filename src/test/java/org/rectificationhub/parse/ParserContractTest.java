package org.rectificationhub.parse;

import com.networknt.schema.Schema;
import org.rectificationhub.canonical.CanonicalSchemaLoader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.canonical.CanonicalJson;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every parser output, from every kind of input, validates against the canonical schema it claims. */
class ParserContractTest {

    @TestFactory
    Stream<DynamicTest> everyParserOutputValidatesAgainstTheRoundSchema() throws IOException {
        Schema schema = Fixtures.roundSchema();
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        inputs.put("guancheng-2025.txt", Fixtures.sampleNotice());
        inputs.put("chengnan-ascii-totals.txt", Fixtures.resource("samples/notices/chengnan-ascii-totals.txt"));
        inputs.put("humen-grouped-by-party.txt", Fixtures.resource("samples/notices/humen-grouped-by-party.txt"));
        inputs.put("ledger.xlsx", LedgerParsingTest.xlsx());
        inputs.put("ledger.csv", LedgerParsingTest.csv(Charset.forName("GBK"), ","));
        return inputs.entrySet().stream().map(input -> DynamicTest.dynamicTest(input.getKey(), () -> {
            ParseResult result = Parsers.parse(input.getValue(), input.getKey(), Fixtures.OFFICE);
            assertThat(result.errors()).isEmpty();
            for (CanonicalDocument doc : result.documents()) {
                assertThat(CanonicalSchemaLoader.violations(schema, CanonicalJson.readTree(CanonicalJson.write(doc))))
                        .isEmpty();
            }
        }));
    }
}
