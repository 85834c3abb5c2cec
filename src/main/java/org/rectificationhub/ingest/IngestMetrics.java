package org.rectificationhub.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counts what became of every document, by channel, department and outcome (hub_ingest_documents_total in
 * Prometheus), so operators see a department's rejections rise before anyone calls.
 */
@Component
public class IngestMetrics {

    private final MeterRegistry registry;

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(String channel, String department, String outcome) {
        Counter.builder("hub.ingest.documents")
                .description("Documents taken in, by what became of them")
                .tag("channel", channel == null ? "unknown" : channel)
                .tag("department", department == null || department.isBlank() ? "unknown" : department)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
