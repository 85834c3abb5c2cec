package org.rectificationhub.ingest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentCutterTest {

    private final DocumentCutter cutter = new DocumentCutter(3, 1000);

    private List<Candidate> cut(String text) {
        return cutter.cut(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void oneObjectIsOneDocument() {
        assertThat(cut("{\"kind\":\"progress\"}")).containsExactly(Candidate.of(1, "{\"kind\":\"progress\"}"));
    }

    @Test
    void anArrayIsCutIntoNumberedDocumentsAndNonObjectsAreFlagged() {
        List<Candidate> candidates = cut("[{\"a\":1}, 7, {\"b\":2}]");

        assertThat(candidates).extracting(Candidate::index).containsExactly(1, 2, 3);
        assertThat(candidates.get(1).problem()).isEqualTo("document 2 of the array is not a JSON object");
        assertThat(candidates.get(2).json()).isEqualTo("{\"b\":2}");
    }

    @Test
    void brokenJsonSaysWhere() {
        assertThat(cut("{\n \"a\": }").get(0).problem()).startsWith("not valid JSON at line 2, column 7");
    }

    @Test
    void limitsAreEnforcedWithTheReason() {
        assertThat(cut("[{},{},{},{}]").get(0).problem()).contains("holds 4 documents; the limit is 3");
        assertThat(cutter.cut(new byte[1001]).get(0).problem()).contains("larger than the limit of 1000 bytes");
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
