package org.rectificationhub.ingest;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Names every department whose mapping cannot be used. DEGRADED, not DOWN: the other departments flow, so the hub
 * is not to be restarted for it (application.yaml orders the status and maps it to HTTP 200).
 */
@Component("mappings")
class MappingHealth extends AbstractHealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "a department's mapping cannot be used");

    private final DepartmentMappings mappings;

    MappingHealth(DepartmentMappings mappings) {
        this.mappings = mappings;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, String> broken = mappings.broken();
        if (broken.isEmpty()) {
            builder.up();
        } else {
            builder.status(DEGRADED).withDetails(Map.copyOf(broken));
        }
    }
}
