package org.rectificationhub.publish;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTest {

    @Test
    void markupCharactersAreEscapedWhereverTheyStand() {
        assertThat(Html.escape("<script>alert('x')</script> & \"q\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assertThat(Html.escape("整改完成&")).isEqualTo("整改完成&amp;");
    }

    @Test
    void bidiAndControlCharactersBecomeVisibleReplacementsAndTabsAndNewlinesStay() {
        assertThat(Html.escape("付款\u202Egnp.exe")).isEqualTo("付款\uFFFDgnp.exe");
        assertThat(Html.href("java\u202Escript:x")).isEqualTo("#");
    }

    @Test
    void charactersBeyondTheBasicPlaneAreKeptWhole() {
        String text = "𠀀整改😀<";
        assertThat(Html.escape(text)).isEqualTo("𠀀整改😀&lt;");
    }

    @Test
    void textWithNothingToChangeIsReturnedAsItIs() {
        String text = "第一轮巡察反馈问题整改进展";
        assertThat(Html.escape(text)).isSameAs(text);
    }
}
