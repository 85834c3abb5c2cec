package org.rectificationhub.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.department.Department;
import org.rectificationhub.department.Departments;
import org.rectificationhub.ledger.CommitResult;
import org.rectificationhub.ledger.Ledger;
import org.rectificationhub.ledger.Submission;
import org.rectificationhub.ledger.TestLedgers;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A large ledger written through the hub's own ledger code ({@link Ledger#commitAll}, in batches of
 * {@link #BATCH}): the benchmark's rounds ({@link BenchData}: 500 problems each), then progress reports from each
 * problem's owner, one in a hundred on the same problem (round 1, problem 1: 10,000 reports at a million entries),
 * one in two hundred sent with an older sequence (recorded as stale). Checkpoints are signed every batch with the
 * key of the hub that will run on the data folder, as that hub's continuous check would have; the fan-out's outbox
 * rows are marked delivered, as a hub that kept up would have left them.
 */
final class LargeLedgerSeed {

    static final int BATCH = 2_000;
    static final String INSTANCE = "bench-seed";
    private static final String PREFIX = "large-";

    private final HikariDataSource dataSource;
    private final Path dataDir;
    private final Ledger ledger;
    private final Random random = new Random(26);
    private int sent;

    LargeLedgerSeed(HikariDataSource dataSource, Path dataDir) {
        this.dataSource = dataSource;
        this.dataDir = dataDir;
        List<Department> departments = new ArrayList<>(List.of(new Department("rectification-office",
                "巡察整改工作领导小组办公室", List.of(), true, null)));
        for (int d = 1; d <= BenchData.DEPARTMENTS; d++) {
            departments.add(new Department(BenchData.department(d), "基准部门" + d, List.of(), false, null));
        }
        this.ledger = TestLedgers.on(dataSource, dataDir, INSTANCE, new Departments(departments));
        // A kept ledger grows on: its reports are numbered on from the last (updateIds, sequences)
        this.sent = (int) Math.max(0, head() - BenchData.ROUNDS);
    }

    /** Registers the rounds. */
    void registerRounds() {
        List<Submission> rounds = new ArrayList<>();
        for (byte[] round : BenchData.rounds()) {
            rounds.add(new Submission(document(round), "rectification-office", "kafka", "large-ledger-seed"));
        }
        commit(rounds);
    }

    /** Appends progress reports until the ledger holds this many entries; its head. */
    long growTo(long entries) {
        long head = head();
        while (head < entries) {
            List<Submission> batch = new ArrayList<>();
            for (long n = head; n < entries && batch.size() < BATCH; n++) {
                batch.add(next());
            }
            commit(batch);
            head = TestLedgers.signHead(dataSource, dataDir, INSTANCE);
        }
        new JdbcTemplate(dataSource).update("update outbox set delivered_at = created_at where delivered_at is null");
        return head;
    }

    long head() {
        return new JdbcTemplate(dataSource).queryForObject("select position from ledger_head where id = 1",
                Long.class);
    }

    private Submission next() {
        int n = ++sent;
        BenchData.Update update = BenchData.update(PREFIX, n, random);
        ObjectNode json = read(update.json());
        if (n % 100 == 0) {
            json.put("roundId", BenchData.roundId(1)).put("problemNo", 1).put("department", BenchData.owner(1));
        }
        if (n % 200 == 1 && n > 10_000) {
            json.put("sequence", n - 10_000); // resent late: older than what its problem already holds
        }
        return new Submission(CanonicalJson.mapper().convertValue(json, CanonicalDocument.class),
                json.get("department").asText(), "kafka", "large-ledger-seed");
    }

    private void commit(List<Submission> batch) {
        for (CommitResult result : ledger.commitAll(batch)) {
            if (result.outcome() == CommitResult.Outcome.REJECTED
                    || result.outcome() == CommitResult.Outcome.DUPLICATE) {
                throw new IllegalStateException("the ledger refused a seeded document: " + result);
            }
        }
    }

    private static CanonicalDocument document(byte[] json) {
        return CanonicalJson.mapper().convertValue(read(json), CanonicalDocument.class);
    }

    private static ObjectNode read(byte[] json) {
        try {
            return (ObjectNode) CanonicalJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
