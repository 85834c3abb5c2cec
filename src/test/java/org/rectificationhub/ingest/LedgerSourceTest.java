package org.rectificationhub.ingest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the intake writes into ledger_entry.source: where the input came from, and its SHA-256. */
class LedgerSourceTest {

    @Test
    void aLedgerSourceNamesTheInputsHashAndIsCutToFitItsColumnKeepingTheHash() {
        Input file = Input.of("file", "urban-management", "urban-management/weekly.json", "{}".getBytes(), "weekly.json",
                null);
        assertThat(Intake.ledgerSource(file)).isEqualTo("urban-management/weekly.json sha256:" + file.sha256());
        Input mail = Input.of("mail", "urban-management", "<" + "x".repeat(600) + "@example> part 1 (body)",
                new byte[] {1}, null, null);
        String source = Intake.ledgerSource(mail);
        assertThat(source).hasSize(512).endsWith(" sha256:" + mail.sha256()).startsWith("<xxx");
    }
}
