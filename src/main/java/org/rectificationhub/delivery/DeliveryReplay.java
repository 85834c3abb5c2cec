package org.rectificationhub.delivery;

import org.rectificationhub.audit.AuditLog;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * An operator sends entries to a delivery target again (the API, the console): the given ones, or every failed one
 * now, parked ones included, and what the target holds of them (a commission snapshot) is sent again. History is
 * never touched; only the delivery state. Audited, refusals included.
 */
@Component
public class DeliveryReplay {

    /**
     * @param known    false when there is no such target (nothing was done)
     * @param replayed how many outbox rows were set to go out again
     * @param targets  the targets there are
     */
    public record Result(boolean known, int replayed, List<String> targets) {
    }

    static final String ACTION = "delivery.replay";

    private final OutboxState state;
    private final DeliveryRelays relays;
    private final AuditLog audit;

    DeliveryReplay(JdbcTemplate jdbc, DeliveryRelays relays, AuditLog audit) {
        this.state = new OutboxState(jdbc);
        this.relays = relays;
        this.audit = audit;
    }

    /** @param entryIds the entries to deliver again; empty: every failed one, from now */
    public Result replay(String actor, String target, List<Long> entryIds) {
        String on = "delivery/" + target;
        if (!relays.targets().contains(target)) {
            audit.record(actor, ACTION, on, null, AuditLog.Outcome.REFUSED, "no delivery target '" + target + "'");
            return new Result(false, 0, relays.targets());
        }
        int replayed;
        int resent;
        try {
            replayed = state.replay(target, entryIds);
            resent = relays.target(target).map(t -> t.resend(entryIds)).orElse(0);
        } catch (RuntimeException failed) {
            audit.recordAlone(actor, ACTION, on, null, failed.toString());
            throw failed;
        }
        audit.record(actor, ACTION, on, null, AuditLog.Outcome.DONE, (entryIds.isEmpty()
                ? "every failed and parked entry" : "entries " + entryIds) + ": " + replayed
                + " outbox rows to go out again" + (resent > 0 ? ", " + resent + " items the target holds" : ""));
        relays.tick();
        return new Result(true, replayed + resent, relays.targets());
    }
}
