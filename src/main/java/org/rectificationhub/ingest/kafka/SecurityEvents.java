package org.rectificationhub.ingest.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** A sender claiming to be another department: counted (hub.security.events) and logged for the operators. */
@Component
class SecurityEvents {

    private static final Logger log = LoggerFactory.getLogger(SecurityEvents.class);

    private final Counter departmentMismatch;

    SecurityEvents(MeterRegistry registry) {
        this.departmentMismatch = Counter.builder("hub.security.events")
                .description("inputs refused because they claim another identity than the channel proves")
                .tag("type", "department-mismatch").tag("channel", "kafka")
                .register(registry);
    }

    void departmentMismatch(String sender, String claimed, String source) {
        departmentMismatch.increment();
        log.warn("Security: {} on topic of '{}' claims department '{}'; quarantined, nothing recorded", source,
                sender, claimed);
    }
}
