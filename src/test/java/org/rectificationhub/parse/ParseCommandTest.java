package org.rectificationhub.parse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rectificationhub.canonical.CanonicalJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ParseCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ParseCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aGoodNoticePrintsSchemaValidCanonicalJsonAndExitsZero() throws IOException {
        Path notice = Files.write(dir.resolve("notice.txt"), Fixtures.sampleNotice());
        assertThat(run("parse", notice.toString())).isZero();
        JsonNode doc = CanonicalJson.readTree(stdout().strip());
        assertThat(doc.get("kind").asText()).isEqualTo("round");
        assertThat(doc.get("department").asText()).isEqualTo("rectification-office");
        assertThat(doc.get("problems")).hasSize(20);
        assertThat(stderr()).isEmpty();
    }

    @Test
    void theDepartmentOptionNamesTheSender() throws IOException {
        Path notice = Files.write(dir.resolve("notice.txt"), Fixtures.sampleNotice());
        assertThat(run("parse", notice.toString(), "--department", "party-building")).isZero();
        assertThat(CanonicalJson.readTree(stdout().strip()).get("department").asText()).isEqualTo("party-building");
    }

    @Test
    void aLedgerWithoutARoundPrintsWhatItReadAndSaysWhatIsMissing() throws IOException {
        Path ledger = Files.writeString(dir.resolve("ledger.csv"), "序号,问题描述,整改措施,责任单位\n1,某问题,一是某措施。,经发局\n");
        assertThat(run("parse", ledger.toString(), "--round", "round-x")).isEqualTo(1);
        assertThat(stdout()).contains("\"roundId\":\"round-x\"", "某问题");
        assertThat(stderr()).contains("error: round 'round-x' has no registration at hand", "feedback date");
    }

    @Test
    void anUnreadableFileIsReportedWithItsNameAndRowAndExitsNonZero() throws IOException {
        Path ledger = Files.writeString(dir.resolve("bad.csv"), "序号,问题描述,整改措施,整改时限\n1,某问题,措施,明年\n");
        assertThat(run("parse", ledger.toString())).isEqualTo(1);
        assertThat(stderr()).contains("bad.csv: row 2, column 整改时限: '明年' is not a date");
    }

    @Test
    void aMissingFileOrArgumentIsAUsageError() {
        assertThat(run("parse")).isEqualTo(2);
        assertThat(stderr()).contains("usage:");
        assertThat(run("parse", dir.resolve("nope.txt").toString())).isEqualTo(1);
        assertThat(stderr()).contains("cannot read the file");
    }
}
