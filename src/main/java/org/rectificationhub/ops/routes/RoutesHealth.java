package org.rectificationhub.ops.routes;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * UP, naming each route an operator holds (stopped or suspended): its state, who, since when and why. A pause an
 * operator chose is part of how the hub runs, not a failure; Camel's own checks still report a route that stopped
 * by itself.
 */
@Component("routesHealthIndicator")
class RoutesHealth extends AbstractHealthIndicator {

    private final RouteControl control;

    RoutesHealth(RouteControl control) {
        this.control = control;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up();
        control.holds().held().forEach((route, hold) -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("state", hold.state());
            detail.put("by", hold.by());
            detail.put("since", hold.since().toString());
            if (hold.comment() != null && !hold.comment().isBlank()) {
                detail.put("comment", hold.comment());
            }
            builder.withDetail(route, detail);
        });
    }
}
