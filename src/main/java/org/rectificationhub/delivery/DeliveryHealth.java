package org.rectificationhub.delivery;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names every target that has been failing for longer than HUB_DELIVERY_FAILING_AFTER. DEGRADED (HTTP 200): the
 * intake goes on and deliveries catch up once the target is back, so the hub is not to be restarted for it.
 */
@Component("deliveriesHealthIndicator")
class DeliveryHealth extends AbstractHealthIndicator {

    private final DeliveryRelays relays;
    private final Duration failingAfter;
    private final Clock clock = Clock.systemUTC();

    DeliveryHealth(DeliveryRelays relays, @Value("${hub.delivery.failing-after:10m}") Duration failingAfter) {
        this.relays = relays;
        this.failingAfter = failingAfter;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Instant now = clock.instant();
        Map<String, Object> failing = new LinkedHashMap<>();
        for (String target : relays.targets()) {
            relays.failingSince(target).filter(since -> Duration.between(since, now).compareTo(failingAfter) >= 0)
                    .ifPresent(since -> failing.put(target, Map.of("failingSince", since.toString(),
                            "lastError", relays.lastError(target).orElse(""))));
        }
        if (failing.isEmpty()) {
            builder.up().withDetail("targets", relays.targets());
        } else {
            builder.status(new Status("DEGRADED", "a delivery target has been failing")).withDetails(failing);
        }
    }
}
