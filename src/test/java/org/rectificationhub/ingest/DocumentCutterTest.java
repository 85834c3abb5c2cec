package org.rectificationhub.ingest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentCutterTest {

    private final DocumentCutter cutter = new DocumentCutter(3);

    private List<Candidate> cut(String text) {
        return cutter.cut(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void oneObjectIsOneDocument() {
        List<Candidate> candidates = cut("{\"kind\":\"progress\"}");
        assertThat(candidates).singleElement().satisfies(c -> {
            assertThat(c.node().path("kind").asText()).isEqualTo("progress");
            assertThat(c.bytes()).as("the input itself is the document's bytes").isNull();
        });
    }

    @Test
    void anArrayIsCutIntoNumberedDocumentsAndNonObjectsAreFlagged() {
        List<Candidate> candidates = cut("[{\"a\":1}, 7, {\"b\":2}]");

        assertThat(candidates).extracting(Candidate::index).containsExactly(1, 2, 3);
        assertThat(candidates.get(1).problem()).isEqualTo("document 2 of the array is not a JSON object");
        assertThat(candidates.get(2).node().path("b").asInt()).isEqualTo(2);
    }

    @Test
    void eachElementOfAnArrayKeepsItsOwnBytesAsSent() {
        String input = "[ {\"a\": \"甲\"},\n  {\"b\" :2} ]";
        List<Candidate> candidates = cut(input);

        assertThat(new String(candidates.get(0).bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\": \"甲\"}");
        assertThat(new String(candidates.get(1).bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"b\" :2}");
    }

    @Test
    void brokenJsonSaysWhere() {
        assertThat(cut("{\n \"a\": }").get(0).problem()).startsWith("not valid JSON at line 2, column 7");
    }

    @Test
    void limitsAreEnforcedWithTheReason() {
        assertThat(cut("[{},{},{},{}]").get(0).problem()).contains("holds 4 documents; the limit is 3");
        assertThat(cut("[]").get(0).problem()).isEqualTo("the array holds no documents");
        assertThat(cutter.cut(new byte[0]).get(0).problem()).startsWith("the input is empty");
    }

    @Test
    void invalidUtf8AndNulAreRejectedNotReplaced() {
        assertThat(cutter.cut(new byte[] {'{', (byte) 0xC3, '}'}).get(0).problem()).contains("not valid UTF-8");
        assertThat(cut("{\"a\":\"\u0000\"}").get(0).problem()).contains("NUL");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "[".repeat(500) + "]".repeat(500);
        assertThat(cut(deep).get(0).problem()).startsWith("not valid JSON");
    }

    @Test
    void aByteOrderMarkIsAccepted() {
        byte[] json = "\uFEFF{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(cutter.cut(json).get(0).problem()).isNull();
    }
}
