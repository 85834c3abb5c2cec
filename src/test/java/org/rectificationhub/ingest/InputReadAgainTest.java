package org.rectificationhub.ingest;

import org.junit.jupiter.api.Test;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A channel that could not acknowledge in time (a crash after the commit, before the file was moved, the offset
 * committed or the mail flagged) hands the same input over again. A ledger says no date of its own, so the hub
 * reads it as of the input's arrival: the second reading gives the same documents, recorded once as a duplicate,
 * and not a new report that reuses an updateId (which the ledger would have to refuse).
 */
@SpringBootTest
class InputReadAgainTest {

    static final HubFolders hub = HubFolders.create();
    static final String LEDGER = String.join("\r\n",
            "\"市委第六巡察组巡察中共莞城街道工作委员会反馈问题整改台账（巡察时间：2024年3月25日至5月7日，反馈时间：2024年9月6日）\"",
            "序号,问题类别,问题描述,整改措施,责任单位,整改进展,整改状态",
            "1,（一）关于落实决策部署方面,学习贯彻不够深入,一是加强学习。,rectification-office,已组织专题学习。,已完成",
            "");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
    }

    @Autowired
    Intake intake;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void aLedgerReadAgainLaterIsADuplicateOfItsFirstReading() throws Exception {
        Input ledger = Input.of("file", "rectification-office", "ledger.csv",
                LEDGER.getBytes(StandardCharsets.UTF_8), "ledger.csv", Map.of()).at(Instant.parse("2026-11-28T01:00:00Z"));
        IngestOutcome first = intake.take(ledger).outcomes().get(0);
        Thread.sleep(1_100); // past the second that a reading made "now" would have stamped

        IngestOutcome again = intake.take(ledger).outcomes().get(0);

        assertThat(first.status()).isEqualTo("accepted");
        assertThat(again.status()).as(again.toString()).isEqualTo("duplicate");
        assertThat(again.entryId()).isEqualTo(first.entryId());
    }

    /** An arrival time is the sender's to set (a file's mtime): one in the future must not outrank later reports. */
    @Test
    void aLedgerDatedInTheFutureIsReadAsOfNow() {
        Instant before = Instant.now();
        Input ledger = Input.of("file", "rectification-office", "ledger-2099.csv", LEDGER.replace("第六", "第七")
                .getBytes(StandardCharsets.UTF_8), "ledger-2099.csv", Map.of()).at(Instant.parse("2099-01-01T00:00:00Z"));

        IngestOutcome outcome = intake.take(ledger).outcomes().get(0);

        assertThat(outcome.status()).isEqualTo("accepted");
        String reportedAt = jdbc.queryForObject("select canonical_json from ledger_entry where id = ?", String.class,
                outcome.entryId()).replaceAll(".*\"reportedAt\":\"([^\"]+)\".*", "$1");
        assertThat(java.time.OffsetDateTime.parse(reportedAt).toInstant())
                .isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
    }
}
