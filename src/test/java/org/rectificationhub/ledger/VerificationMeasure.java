package org.rectificationhub.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.rectificationhub.HubProperties;
import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.support.Examples;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.rectificationhub.support.Examples.OFFICE;

/**
 * Run by hand, not a test: what the full verification costs on a large ledger. {@code build JDBC_URL N} writes N
 * progress entries over 20 rounds; {@code verify JDBC_URL} runs the full verification and prints how long it took
 * and the most heap it found in use (sampled every 20 ms), to be run with a small -Xmx.
 */
final class VerificationMeasure {

    private static final int ROUNDS = 20;

    private VerificationMeasure() {
    }

    public static void main(String[] args) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[1]);
        config.setMaximumPoolSize(4);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            String vendor = args[1].startsWith("jdbc:postgresql") ? "postgresql" : "h2";
            Flyway.configure().dataSource(dataSource)
                    .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor).load().migrate();
            if (args[0].equals("build")) {
                build(dataSource, Integer.parseInt(args[2]));
            } else {
                verify(dataSource);
            }
        }
    }

    private static void build(HikariDataSource dataSource, int entries) {
        Ledger ledger = LedgerContract.ledgerOn(dataSource, "measure");
        for (int r = 0; r < ROUNDS; r++) {
            String roundId = "measure-round-" + r;
            CanonicalDocument round = Examples.round(json -> {
                json.put("updateId", "register-" + roundId);
                ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("round")).put("roundId", roundId);
            });
            ledger.commit(new Submission(round, OFFICE, "test", "measure"));
        }
        int[] problems = {1, 4, 14};
        List<Submission> batch = new ArrayList<>();
        for (int n = 1; n <= entries; n++) {
            int seq = n;
            String roundId = "measure-round-" + (n % ROUNDS);
            int problem = problems[(n / ROUNDS) % problems.length];
            batch.add(new Submission(Examples.progress(p -> p.put("department", OFFICE).put("updateId", "m-" + seq)
                    .put("roundId", roundId).put("problemNo", problem).put("sequence", seq).put("status", "in-progress")
                    .put("progress", "第" + seq + "次推进：召开专题会议研究部署整改工作，制定整改方案并明确责任分工，"
                            + "对照问题清单逐项整改销号，建立长效机制防止问题反弹。")), OFFICE, "test", "measure"));
            if (batch.size() == 500) {
                ledger.commitAll(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            ledger.commitAll(batch);
        }
        System.out.println("built " + new EntryLog(new JdbcTemplate(dataSource)).head().position + " entries");
    }

    private static void verify(HikariDataSource dataSource) throws InterruptedException {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        HubProperties properties = LedgerContract.properties(Path.of("target", "measure-data"), "measure");
        LedgerVerifier verifier = new LedgerVerifier(jdbc, new Checkpoints(jdbc, new SigningKeys(properties, "",
                List.of()), properties));
        AtomicLong most = new AtomicLong();
        AtomicLong retained = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                most.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                // What the heap still held after the latest collection: what the check keeps, not its garbage.
                retained.accumulateAndGet(ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP
                                && pool.getCollectionUsage() != null)
                        .mapToLong(pool -> pool.getCollectionUsage().getUsed()).sum(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long started = System.nanoTime();
        LedgerVerifier.Report report = verifier.verify();
        long millis = (System.nanoTime() - started) / 1_000_000;
        sampler.interrupt();
        sampler.join();
        System.out.printf("verified %d entries ok=%s in %d ms; heap in use at most %d MB, after a collection at most"
                        + " %d MB, of %d MB max%n", report.entries(), report.ok(), millis, most.get() >> 20,
                retained.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        if (!report.ok()) {
            System.out.println(report.problem());
        }
    }
}
