package org.rectificationhub.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A sender claiming to be another department, on any channel: counted (hub_security_events_total{channel,type})
 * and logged for the operators.
 */
@Component
class SecurityEvents {

    private static final Logger log = LoggerFactory.getLogger(SecurityEvents.class);

    private final MeterRegistry registry;

    SecurityEvents(MeterRegistry registry) {
        this.registry = registry;
    }

    void departmentMismatch(String channel, String sender, String claimed, String source) {
        Counter.builder("hub.security.events")
                .description("inputs refused because they claim another identity than the channel proves")
                .tag("type", "department-mismatch").tag("channel", channel == null ? "unknown" : channel)
                .register(registry).increment();
        log.warn("Security: {} from '{}' claims department {}; refused, nothing recorded", source, sender,
                Reasons.quote(claimed));
    }
}
