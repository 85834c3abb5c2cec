package org.rectificationhub.ops.lineage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceReferenceTest {

    static final String HASH = "ab".repeat(32);

    @Test
    void aKafkaSourceGivesTopicPartitionAndOffsetEvenWhenTheTopicHasDashes() {
        SourceReference ref = SourceReference.of("kafka",
                "rectification.updates.economic-development-2@1045 sha256:" + HASH);
        assertThat(ref.topic()).isEqualTo("rectification.updates.economic-development");
        assertThat(ref.partition()).isEqualTo(2);
        assertThat(ref.offset()).isEqualTo(1045L);
        assertThat(ref.sha256()).isEqualTo(HASH);
    }

    @Test
    void aMailSourceGivesMessageIdPartAndLabelWithSpacesAndParenthesesInTheLabel() {
        SourceReference ref = SourceReference.of("mail", "<a b@office.example> part 3 (台账 (终稿).xlsx) sha256:" + HASH);
        assertThat(ref.messageId()).isEqualTo("<a b@office.example>");
        assertThat(ref.part()).isEqualTo(3);
        assertThat(ref.label()).isEqualTo("台账 (终稿).xlsx");
        assertThat(ref.sha256()).isEqualTo(HASH);
    }

    @Test
    void aFileSourceGivesItsFolderAndNameAndAnEntryWrittenBeforeTheHashHasNone() {
        SourceReference ref = SourceReference.of("file", "urban-management/周报 第3期.docx sha256:" + HASH);
        assertThat(ref.folder()).isEqualTo("urban-management");
        assertThat(ref.file()).isEqualTo("周报 第3期.docx");
        assertThat(ref.sha256()).isEqualTo(HASH);
        SourceReference older = SourceReference.of("file", "urban-management/weekly.json");
        assertThat(older.file()).isEqualTo("weekly.json");
        assertThat(older.sha256()).isNull();
    }

    @Test
    void aSourceOfAnotherShapeIsKeptAsItIs() {
        SourceReference ref = SourceReference.of("kafka", "concurrent");
        assertThat(ref.raw()).isEqualTo("concurrent");
        assertThat(ref.topic()).isNull();
        assertThat(SourceReference.of("file", null).raw()).isNull();
    }
}
