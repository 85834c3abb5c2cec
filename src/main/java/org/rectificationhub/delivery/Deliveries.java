package org.rectificationhub.delivery;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What operators see of the deliveries, for the API (DeliveryController) and the operators' console alike; sending
 * entries again is {@link DeliveryReplay}'s, audited.
 */
@Component
public class Deliveries {

    /**
     * One target as operators watch it.
     *
     * @param failed       entries tried and still not delivered, tried again with back-off
     * @param parked       entries that failed too often: they wait for an operator's replay
     * @param lagSeconds   age of the oldest entry not yet delivered
     * @param failingSince when the target's current run of failures began, or null while it delivers
     * @param lastError    the target's last failure since then, or null
     * @param held         what the target holds beyond the outbox rows that failed to go on (e.g. snapshots)
     */
    public record Target(String name, long pending, long failed, long parked, double lagSeconds, Instant failingSince,
                         String lastError, List<HeldItem> held) {
    }

    static final int HELD_ITEMS = 50;

    private final OutboxState state;
    private final DeliveryRelays relays;
    private final Clock clock;

    Deliveries(JdbcTemplate jdbc, DeliveryRelays relays, Clock clock) {
        this.state = new OutboxState(jdbc);
        this.relays = relays;
        this.clock = clock;
    }

    public List<String> names() {
        return relays.targets();
    }

    public List<Target> targets() {
        return relays.targets().stream().map(name -> new Target(name, state.pending(name), state.failed(name),
                state.parked(name), state.oldestPendingAgeSeconds(name, clock), relays.failingSince(name).orElse(null),
                relays.lastError(name).orElse(null), relays.target(name).map(t -> t.failedItems(HELD_ITEMS))
                .orElse(List.of()))).toList();
    }

    /** pending, failed, parked or delivered rows of a target, newest first. */
    public List<Map<String, Object>> rows(String target, String which, int limit) {
        return state.rows(target, which, limit);
    }
}
