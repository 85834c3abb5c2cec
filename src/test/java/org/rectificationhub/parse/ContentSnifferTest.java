package org.rectificationhub.parse;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Inputs without a telling name (a Kafka record, a mail body) are told apart by their content. */
class ContentSnifferTest {

    @Test
    void aNoticeWrittenWithAsciiCommasIsProseNotATable() throws IOException {
        String notice;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("samples/notices/guancheng-2025.txt")) {
            notice = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(ContentSniffer.ofText(notice, "rectification.updates.rectification-office-0@12"))
                .isEqualTo(InputKind.NOTICE_TEXT);
    }

    @Test
    void rowsWithTheSameNumberOfFieldsAreATableEvenBelowATitleAndWithQuotedCommas() {
        String ledger = """
                莞城街道巡察整改台账
                序号,问题描述,整改措施,责任单位,整改时限
                1,"问题一,含逗号",一是加强学习。二是完善制度。,经发局,2024-12-31
                2,问题二,建立台账,城管分局,长期坚持
                3,问题三,"一是,二是",党建办,2025/06/30
                """;
        assertThat(ContentSniffer.ofText(ledger, "record-without-a-name")).isEqualTo(InputKind.CSV);
    }
}
