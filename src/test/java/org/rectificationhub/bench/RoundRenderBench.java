package org.rectificationhub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.commission.SnapshotTaking;
import org.rectificationhub.ingest.IngestReport;
import org.rectificationhub.ingest.Input;
import org.rectificationhub.ingest.Intake;
import org.rectificationhub.publish.SiteRendering;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HubFolders;
import org.rectificationhub.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rectificationhub.support.Examples.OFFICE;

/**
 * Issue 26's round sizes ({@code ./mvnw -Pbench verify -Dit.test=RoundRenderBench}): a round of 500 problems with
 * 10 reports each, and a round whose one problem has 10,000 reports (with accountability actions), committed through
 * the intake; then the time to regenerate each round's public pages (first whole, then after one more report) and to
 * take its commission snapshot (first reading whole, then reading on), on PostgreSQL when HUB_BENCH_POSTGRES_URL is
 * set, else on H2, in this JVM. The relay and the feed are stopped, so only what is measured runs. Report length:
 * -Dbench.reportChars (default 300). Written to target/bench/round-render.json.
 */
@SpringBootTest
class RoundRenderBench {

    static final HubFolders hub = HubFolders.create();
    static final int REPORT_CHARS = Integer.getInteger("bench.reportChars", 300);
    static final String WIDE = "bench-wide-round";
    static final String DEEP = "bench-deep-round";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
        registry.add("hub.site.min-interval", () -> "0s");
        String postgres = System.getenv("HUB_BENCH_POSTGRES_URL");
        if (postgres != null && !postgres.isBlank()) {
            String schema = TestDatabases.freshSchemaName();
            registry.add("spring.datasource.url", () -> TestDatabases.withSchema(postgres, schema));
            registry.add("spring.flyway.schemas", () -> schema);
        }
    }

    @Autowired
    Intake intake;
    @Autowired
    CamelContext camel;
    @Autowired
    ApplicationContext context;

    @Test
    void aRoundOf500ProblemsAndAProblemWith10000ReportsAreRenderedAndSnapshotted() throws Exception {
        for (String route : List.of("delivery-relay", "public-site-refresh", "commission-feed")) {
            camel.getRouteController().stopRoute(route);
        }
        List<Input> seed = new ArrayList<>(List.of(json(registration(WIDE, 500)), json(registration(DEEP, 1))));
        int n = 0;
        for (int round = 0; round < 10; round++) {
            for (int p = 1; p <= 500; p++) {
                seed.add(json(report(WIDE, p, ++n, false)));
            }
        }
        for (int r = 0; r < 10_000; r++) {
            seed.add(json(report(DEEP, 1, ++n, true)));
        }
        long seeding = System.nanoTime();
        for (int from = 0; from < seed.size(); from += 1000) {
            assertThat(intake.takeAll(seed.subList(from, Math.min(seed.size(), from + 1000))))
                    .allMatch(IngestReport::allRecorded);
        }
        System.out.printf("BENCH: %d documents committed in %.1f s%n", seed.size(), (System.nanoTime() - seeding) / 1e9);

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("database", System.getenv("HUB_BENCH_POSTGRES_URL") == null ? "h2" : "postgresql");
        results.put("report_chars", REPORT_CHARS);
        SnapshotTaking snapshots = new SnapshotTaking(context);
        for (String roundId : List.of(WIDE, DEEP)) {
            String key = roundId.equals(WIDE) ? "round_500_problems" : "problem_10000_reports";
            resetPeak();
            results.put(key + "_site_first_ms", millis(SiteRendering.regenerate(context, roundId)));
            long start = System.nanoTime();
            int size = snapshots.take(roundId);
            results.put(key + "_snapshot_first_ms", millis(System.nanoTime() - start));
            results.put(key + "_snapshot_chars", size);
            assertThat(intake.takeAll(List.of(json(report(roundId, 1, ++n, true))))).allMatch(IngestReport::allRecorded);
            results.put(key + "_site_next_ms", millis(SiteRendering.regenerate(context, roundId)));
            start = System.nanoTime();
            snapshots.take(roundId);
            results.put(key + "_snapshot_next_ms", millis(System.nanoTime() - start));
            results.put(key + "_heap_peak_mb", peakHeapMegabytes());
        }
        System.out.println("BENCH: round rendering " + results);
        Files.createDirectories(DrainBench.OUT);
        Files.writeString(DrainBench.OUT.resolve("round-render.json"), CanonicalJson.write(results));
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e5) / 10.0;
    }

    private static void resetPeak() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The heap's peak since the last reset, summed over its pools (an upper bound of what was live at once). */
    private static long peakHeapMegabytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    }

    /** The example round under another id with {@code problems} problems made from its first. */
    private static ObjectNode registration(String roundId, int problems) {
        ObjectNode json = Examples.roundJson();
        ((ObjectNode) json.get("round")).put("roundId", roundId);
        JsonNode first = json.get("problems").get(0);
        ArrayNode list = json.putArray("problems");
        for (int p = 1; p <= problems; p++) {
            ObjectNode problem = first.deepCopy();
            problem.put("problemNo", p).put("title", "第" + p + "个问题：" + first.path("title").asText());
            list.add(problem);
        }
        return json.put("updateId", "register-" + roundId);
    }

    private static ObjectNode report(String roundId, int problemNo, int n, boolean accountability) {
        ObjectNode json = Examples.progressJson();
        json.remove(List.of("measureSeq", "exemption", "accountability"));
        String text = ("第" + n + "次报告：" + "对照问题清单逐项整改销号，建立长效机制防止问题反弹。".repeat(REPORT_CHARS / 20 + 1))
                .substring(0, REPORT_CHARS);
        json.put("department", OFFICE).put("updateId", "bench-" + n).put("roundId", roundId)
                .put("problemNo", problemNo).put("sequence", n).put("status", "in-progress").put("progress", text);
        if (accountability) {
            json.putArray("accountability").addObject().put("action", "约谈提醒").put("count", 1)
                    .putArray("subjects").add("某某");
        }
        return json;
    }

    private static Input json(JsonNode json) {
        return Input.of("bench", OFFICE, json.path("updateId").asText(),
                CanonicalJson.write(json).getBytes(StandardCharsets.UTF_8), null, null);
    }
}
