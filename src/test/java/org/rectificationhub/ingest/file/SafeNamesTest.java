package org.rectificationhub.ingest.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SafeNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"progress.json", "2024年第一季度整改台账（经发局）.xlsx", "附件1：整改进展【最终版】.docx",
            "Report (final) v2.csv", "《巡察整改进展情况公布》.txt", "notice_2024-03.txt", "Café déjà vu.txt"})
    void namesOfLettersDigitsAndOrdinaryPunctuationAreSafe(String name) {
        assertThat(SafeNames.problem(name)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\..\\..\\victim.txt", "a:b.json", "tab\tname.json", "new\nline.json",
            "report\u202Etxt.json", "zero\u200Bwidth.json", "ends-with-space.json ", "ends-with-dot.", "a*b?.json",
            "quote\".json", "<script>.txt", "pipe|name.json", "x;rm -rf.json"})
    void namesWithSeparatorsControlsOrShellCharactersAreNot(String name) {
        assertThat(SafeNames.problem(name)).isNotNull();
    }

    @Test
    void aNameIsBoundedByItsBytesSoTheHubsStampAndReasonSuffixStillFit() {
        assertThat(SafeNames.problem("台".repeat(66))).isNull(); // 198 bytes
        assertThat(SafeNames.problem("台".repeat(67))).contains("longer than 200 bytes");
        assertThat(SafeNames.problem(SafeNames.safeVersion("台".repeat(300)))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\..\\..\\victim.txt", "report\u202Etxt.json", "..\\..", "\u0000\u0001"})
    void theNameAnEntryIsMovedAsideUnderIsAlwaysSafe(String name) {
        String safe = SafeNames.safeVersion(name);

        assertThat(SafeNames.problem(safe)).isNull();
        assertThat(safe).doesNotContain("\\").doesNotContain("/");
    }

    @Test
    void aNameIsShownInLogsAndReasonsWithItsUnsafeCharactersSpelledOut() {
        assertThat(SafeNames.shown("report\u202Etxt.json")).isEqualTo("report\\u202Etxt.json");
        assertThat(SafeNames.shown("a\\..\\b")).isEqualTo("a\\u005C..\\u005Cb");
    }
}
