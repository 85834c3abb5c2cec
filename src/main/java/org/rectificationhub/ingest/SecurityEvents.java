package org.rectificationhub.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.canonical.ProgressUpdate;
import org.rectificationhub.department.Departments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A sender claiming to be another department, on any channel, a department exempting its own problem from
 * publication, or putting what the hub never reads into a file inbox (a link, a special file, an unsafe name, a
 * file swapped after it was read): counted (hub_security_events_total{channel,type}) and logged for
 * the operators.
 */
@Component
public class SecurityEvents {

    private static final Logger log = LoggerFactory.getLogger(SecurityEvents.class);

    private final MeterRegistry registry;
    private final Departments departments;

    SecurityEvents(MeterRegistry registry, Departments departments) {
        this.registry = registry;
        this.departments = departments;
    }

    void departmentMismatch(String channel, String sender, String claimed, String source) {
        count(channel, "department-mismatch");
        log.warn("Security: {} from '{}' claims department {}; refused, nothing recorded", source, sender,
                Reasons.quote(claimed));
    }

    /** A department's own exemption from publication, which the ledger refuses (LedgerRules: only the office's). */
    void noteExemption(Input input, CanonicalDocument document) {
        if (document instanceof ProgressUpdate update && update.isExempt() && !departments.isOffice(input.sender())) {
            count(input.channel(), "exemption-not-office");
            log.warn("Security: {} from '{}' sets an exemption from publication, which only the office may; refused,"
                    + " nothing recorded", input.source(), input.sender());
        }
    }

    /** An entry a channel refuses to read at all; {@code type} says what it is (symlink, unsafe-name, …). */
    public void unreadEntry(String channel, String type, String sender, String source, String reason) {
        count(channel, type);
        log.warn("Security: {} in the inbox of '{}' is not read: {}", Reasons.quote(source), sender, reason);
    }

    private void count(String channel, String type) {
        Counter.builder("hub.security.events")
                .description("inputs refused because they claim another identity than the channel proves, or"
                        + " because the hub never reads what they are")
                .tag("type", type).tag("channel", channel == null ? "unknown" : channel)
                .register(registry).increment();
    }
}
