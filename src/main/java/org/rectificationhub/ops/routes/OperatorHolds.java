package org.rectificationhub.ops.routes;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The routes an operator has stopped or suspended in this process. Camel's route and consumer checks call any route
 * that is not started DOWN, which would take the whole hub's health down for a deliberate pause; so a held route is
 * excluded from those checks and reported by {@link RoutesHealth} as held instead. A route that stops on its own
 * is not held and stays DOWN. Routes start again with the process, so the holds are the process's own.
 */
final class OperatorHolds {

    /** @param state stopped or suspended */
    record Hold(String state, String by, Instant since, String comment) {
    }

    private final CamelContext camel;
    private final Clock clock;
    private final String configuredExclusions;
    private final Map<String, Hold> held = new TreeMap<>();

    OperatorHolds(CamelContext camel, Clock clock) {
        this.camel = camel;
        this.clock = clock;
        HealthCheckRegistry registry = HealthCheckRegistry.get(camel);
        this.configuredExclusions = registry == null ? null : registry.getExcludePattern();
    }

    synchronized void hold(String routeId, String state, String by, String comment) {
        held.put(routeId, new Hold(state, by, clock.instant(), comment));
        excludeHeld();
    }

    synchronized void release(String routeId) {
        if (held.remove(routeId) != null) {
            excludeHeld();
        }
    }

    synchronized Map<String, Hold> held() {
        return Map.copyOf(held);
    }

    /** Camel matches each pattern against a check's id and, for route: and consumer: checks, the route's id. */
    private void excludeHeld() {
        HealthCheckRegistry registry = HealthCheckRegistry.get(camel);
        if (registry == null) {
            return;
        }
        String pattern = Stream.concat(Stream.ofNullable(configuredExclusions).filter(p -> !p.isBlank()),
                held.keySet().stream()).collect(Collectors.joining(","));
        registry.setExcludePattern(pattern.isEmpty() ? null : pattern);
    }
}
