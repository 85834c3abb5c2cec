package org.rectificationhub.parse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rectificationhub.canonical.Status;

import static org.assertj.core.api.Assertions.assertThat;

class StatusWordsTest {

    @ParameterizedTest(name = "{0} means {1}")
    @CsvSource({
            "未启动, NOT_STARTED", "未完成, NOT_STARTED",
            "正在整改, IN_PROGRESS", "按计划推进, IN_PROGRESS", "持续推进, IN_PROGRESS", "推进中, IN_PROGRESS",
            "基本完成, BASICALLY_COMPLETED", "基本完成取得阶段性成果并持续整改, BASICALLY_COMPLETED",
            "已完成, COMPLETED", "已完成整改, COMPLETED", "已整改到位, COMPLETED", "已如期完成, COMPLETED",
            "已销号, CLOSED", "已整改销号, CLOSED",
            "长期坚持, ONGOING", "长期整改, ONGOING", "持续整改, ONGOING", "继续整改, ONGOING",
            "申请延期, EXTENSION_REQUESTED", "申请延期整改, EXTENSION_REQUESTED"})
    void everyStatusWordOfTheDomainTableMapsToItsStatus(String words, Status status) {
        assertThat(StatusWords.find(words)).contains(status);
        assertThat(StatusWords.find("目前" + words + "。")).contains(status);
    }

    @ParameterizedTest(name = "{0} is not completed")
    @CsvSource({"未完成整改, NOT_STARTED", "基本完成整改, BASICALLY_COMPLETED"})
    void negatedOrQualifiedCompletionIsNotCompletion(String words, Status status) {
        assertThat(StatusWords.find(words)).contains(status);
    }
}
