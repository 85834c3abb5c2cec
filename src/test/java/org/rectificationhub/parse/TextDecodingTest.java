package org.rectificationhub.parse;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextDecodingTest {

    private static final String TEXT = "巡察整改进展情况，“百千万工程”。";

    @Test
    void utf8Gb18030AndUtf16WithBomAreDetected() {
        assertThat(TextDecoding.decode(TEXT.getBytes(StandardCharsets.UTF_8), null).text()).isEqualTo(TEXT);
        assertThat(TextDecoding.decode(TEXT.getBytes(TextDecoding.GB18030), null).charset()).isEqualTo("GB18030");
        byte[] utf16 = ("\uFEFF" + TEXT).getBytes(StandardCharsets.UTF_16LE);
        assertThat(TextDecoding.decode(utf16, null).text()).isEqualTo(TEXT);
    }

    @Test
    void gbkAndGb2312LabelsAreReadAsGb18030() {
        assertThat(TextDecoding.decode(TEXT.getBytes(TextDecoding.GB18030), "GB2312").charset()).isEqualTo("GB18030");
        assertThat(TextDecoding.decode(TEXT.getBytes(TextDecoding.GB18030), "gbk").text()).isEqualTo(TEXT);
    }

    @Test
    void malformedBytesAreReportedNeverReplaced() {
        assertThatThrownBy(() -> TextDecoding.decode(new byte[]{'a', (byte) 0xC3, 0x28, (byte) 0xFF}, null))
                .hasMessageContaining("neither valid UTF-8");
        assertThatThrownBy(() -> TextDecoding.decode(new byte[]{'a', (byte) 0xC3, 0x28}, "UTF-8"))
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void bidiControlsAreFlaggedWithTheirLine() {
        assertThatThrownBy(() -> TextDecoding.decode("一\n二\u202E三".getBytes(StandardCharsets.UTF_8), null))
                .hasMessageContaining("line 2").hasMessageContaining("U+202E");
    }
}
