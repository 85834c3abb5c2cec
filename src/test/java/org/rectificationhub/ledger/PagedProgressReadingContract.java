package org.rectificationhub.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rectificationhub.support.Examples;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.rectificationhub.support.Examples.ROUND_ID;

/**
 * A problem with a long history is read a page of rows at a time: no query hands the hub more than
 * {@link LedgerQueries#PAGE} reports, however many there are, and a reading on from a report reads only those after it.
 * What the database hands over per query is counted where it happens, in the JdbcTemplate.
 */
abstract class PagedProgressReadingContract {

    static final int REPORTS = 450;

    /** Counts the rows each query returns: the most any reading held at once, and how many queries it took. */
    static final class CountingJdbc extends JdbcTemplate {
        int largest;
        int queries;

        CountingJdbc(HikariDataSource dataSource) {
            super(dataSource);
        }

        @Override
        public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
            List<T> rows = super.query(sql, mapper, args);
            largest = Math.max(largest, rows.size());
            queries++;
            return rows;
        }
    }

    HikariDataSource dataSource;
    CountingJdbc counting;
    LedgerQueries queries;

    abstract HikariDataSource newDatabase();

    void dropDatabase() {
    }

    @BeforeEach
    void ledgerWithALongHistory() {
        dataSource = newDatabase();
        Ledger ledger = LedgerContract.ledgerOn(dataSource, "test-hub-1");
        ledger.commit(new Submission(Examples.round(), OFFICE, "test", "unit-test"));
        List<Submission> reports = new ArrayList<>();
        for (int n = 1; n <= REPORTS + 10; n++) {
            int no = n;
            reports.add(new Submission(Examples.progress(json -> report(json, no, no <= REPORTS ? 1 : 14)), OFFICE,
                    "test", "unit-test"));
        }
        ledger.commitAll(reports);
        counting = new CountingJdbc(dataSource);
        queries = new LedgerQueries(counting);
    }

    @AfterEach
    void closeDatabase() {
        dropDatabase();
        dataSource.close();
    }

    @Test
    void aProblemsLongHistoryIsHandedOverInCommitOrderNoQueryHoldingMoreThanAPage() {
        List<Long> ids = new ArrayList<>();
        queries.problemProgressAfter(ROUND_ID, 1, 0, row -> ids.add((Long) row.get("entryId")));

        assertThat(ids).hasSize(REPORTS).isSorted().doesNotHaveDuplicates();
        assertThat(counting.largest).as("rows held at once").isEqualTo(LedgerQueries.PAGE);
        assertThat(counting.queries).isEqualTo(REPORTS / LedgerQueries.PAGE + 1);

        counting.largest = 0;
        List<Long> after = new ArrayList<>();
        queries.problemProgressAfter(ROUND_ID, 1, ids.get(399), row -> after.add((Long) row.get("entryId")));
        assertThat(after).as("read on from a report: only those after it").isEqualTo(ids.subList(400, REPORTS));
        assertThat(counting.largest).isEqualTo(REPORTS - 400);
    }

    @Test
    void theCommissionsReadingKeepsEachProblemsNewestItemsCountsTheRestAndReadsOnlyWhatIsNew() {
        RoundReports reading = new RoundReports(queries, "accountability",
                row -> List.of(((JsonNode) row.get("document")).path("progress")), 10_000, 100);

        Map<Integer, RoundReports.Kept> kept = reading.of(ROUND_ID);
        assertThat(counting.largest).as("rows held at once").isLessThanOrEqualTo(LedgerQueries.PAGE);
        assertThat(kept.get(1).newest()).hasSize(100);
        assertThat(kept.get(1).newest().get(0).asText()).isEqualTo("report " + (REPORTS - 99));
        assertThat(kept.get(1).newest().get(99).asText()).isEqualTo("report " + REPORTS);
        assertThat(kept.get(1).omitted()).isEqualTo(REPORTS - 100);
        assertThat(kept.get(14).newest()).hasSize(10);
        assertThat(kept.get(14).omitted()).isZero();
        assertThat(reading.held()).isEqualTo(110);

        LedgerContract.ledgerOn(dataSource, "test-hub-1").commit(new Submission(Examples.progress(
                json -> report(json, REPORTS + 11, 1)), OFFICE, "test", "unit-test"));
        counting.largest = 0;
        counting.queries = 0;
        kept = reading.of(ROUND_ID);
        assertThat(counting.queries).as("one report since: one short page").isEqualTo(1);
        assertThat(counting.largest).isEqualTo(1);
        assertThat(kept.get(1).newest().get(99).asText()).isEqualTo("report " + (REPORTS + 11));
        assertThat(kept.get(1).omitted()).isEqualTo(REPORTS - 99);
    }

    /** Report n by the office on the problem, with an accountability action as example 0 has. */
    private static void report(ObjectNode json, int n, int problemNo) {
        json.remove("measureSeq");
        json.put("updateId", "long-history-" + n).put("sequence", n).put("problemNo", problemNo)
                .put("department", OFFICE).put("status", "in-progress").put("progress", "report " + n);
    }
}
