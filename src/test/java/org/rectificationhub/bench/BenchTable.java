package org.rectificationhub.bench;

import java.util.Locale;
import java.util.Map;

/**
 * The results as README shows them: ratios first, then rates, latency, memory and start-up, per database. Start-up
 * is the Docker image's (extracted, with its class archive), the packaged jar's beside it in brackets.
 */
final class BenchTable {

    private BenchTable() {
    }

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> results) {
        StringBuilder t = new StringBuilder("\nBENCH RESULTS\n| ledger | hub/B0 | hub/B1 | hub/B2 | hub /s | B0 /s | B1 /s"
                + " | B2 /s | files /s | paced p50/p99/p99.9 ms | hub CPU s/1k | RSS idle/peak MB"
                + " | start-up s (packaged jar) | settle s |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        if (results.containsKey("ratios")) {
            row(t, "embedded H2", results);
        }
        if (results.get("postgresql") instanceof Map<?, ?> postgres) {
            row(t, "PostgreSQL", (Map<String, Object>) postgres);
        }
        t.append("\nMean ms per drained batch, by stage of the intake\n");
        if (results.containsKey("drain_batch_stages_ms")) {
            t.append("embedded H2: ").append(results.get("drain_batch_stages_ms")).append('\n');
        }
        if (results.get("postgresql") instanceof Map<?, ?> postgres) {
            t.append("PostgreSQL: ").append(postgres.get("drain_batch_stages_ms")).append('\n');
        }
        return t.toString();
    }

    @SuppressWarnings("unchecked")
    private static void row(StringBuilder t, String name, Map<String, Object> r) {
        Map<String, Object> ratios = (Map<String, Object>) r.get("ratios");
        Map<String, Object> rates = (Map<String, Object>) r.get("records_per_s");
        Map<String, Object> paced = (Map<String, Object>) r.get("paced");
        Map<String, Object> cpu = (Map<String, Object>) r.get("cpu_s_per_1000");
        t.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.0f | %.0f | %.0f | %.0f | %.0f |"
                        + " %s/%s/%s | %.2f | %s/%s | %.1f (%.1f) | %.0f |%n", name, num(ratios.get("hub_vs_b0")),
                num(ratios.get("hub_vs_b1")), num(ratios.get("hub_vs_b2")), num(rates.get("hub")), num(rates.get("b0")),
                num(rates.get("b1")), num(rates.get("b2")), num(rates.get("hub_files")), paced.get("p50_ms"),
                paced.get("p99_ms"), paced.get("p999_ms"), num(cpu.get("hub")), r.get("hub_idle_rss_mb"),
                r.get("hub_rss_mb"), num(r.get("startup_s")), num(r.get("startup_packaged_jar_s")),
                num(r.get("settle_s"))));
    }

    private static double num(Object value) {
        return ((Number) value).doubleValue();
    }
}
