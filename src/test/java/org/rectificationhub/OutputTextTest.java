package org.rectificationhub;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutputTextTest {

    @Test
    void everyBidiControlAndMarkBecomesAVisibleReplacement() {
        String bidi = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C";
        assertThat(OutputText.neutralise("付款" + bidi + "gnp.exe")).isEqualTo("付款" + "\uFFFD".repeat(12) + "gnp.exe");
    }

    @Test
    void controlCharactersGoButTabsAndNewlinesStay() {
        assertThat(OutputText.neutralise("a\u0000b\rc\u001Bd\u007Fe\u0085f\u009Bg\th\ni"))
                .isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\th\ni");
    }

    @Test
    void charactersBeyondTheBasicPlaneAndLoneSurrogatesAreKeptAsStored() {
        assertThat(OutputText.neutralise("𠀀整改😀\u202E")).isEqualTo("𠀀整改😀\uFFFD");
        assertThat(OutputText.neutralise("\uD83D\u202E")).isEqualTo("\uD83D\uFFFD");
    }

    @Test
    void textWithNothingToChangeIsReturnedAsItIs() {
        String text = "第一轮巡察反馈问题整改进展\n一是…";
        assertThat(OutputText.neutralise(text)).isSameAs(text);
        assertThat(OutputText.neutralise(null)).isNull();
    }

    @Test
    void oneLineJoinsLinesWithSpacesAndNeutralisesTheRest() {
        assertThat(OutputText.oneLine(" 进展\r\n报告\t\u202Etxt.exe\u2028尾 ")).isEqualTo("进展 报告 \uFFFDtxt.exe 尾");
    }
}
