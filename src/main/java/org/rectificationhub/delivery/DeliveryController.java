package org.rectificationhub.delivery;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Operators watch deliveries per target and send entries again; history itself is never touched. */
@RestController
@RequestMapping("/api/deliveries")
class DeliveryController {

    private static final Set<String> STATES = Set.of("pending", "failed", "parked", "delivered");

    private final Deliveries deliveries;
    private final DeliveryReplay replay;

    DeliveryController(Deliveries deliveries, DeliveryReplay replay) {
        this.deliveries = deliveries;
        this.replay = replay;
    }

    /** Each target: what waits, what failed or is parked, since when and why, and what it holds that failed. */
    @GetMapping("/targets")
    List<Deliveries.Target> targets() {
        return deliveries.targets();
    }

    @GetMapping
    ResponseEntity<?> list(@RequestParam(defaultValue = "publication") String target,
                           @RequestParam(defaultValue = "pending") String state,
                           @RequestParam(defaultValue = "200") int limit) {
        if (!STATES.contains(state)) {
            return ResponseEntity.badRequest().body(Map.of("error", "state: expected one of " + STATES));
        }
        return ResponseEntity.ok(deliveries.rows(target, state, Math.max(1, Math.min(limit, 5000))));
    }

    /** The given entries (entryIds=1,2,3) again, or, with none given, every failed and parked one right now. */
    @PostMapping("/{target}/replay")
    ResponseEntity<?> replay(@PathVariable String target, @RequestParam(required = false) List<Long> entryIds,
                             Authentication operator) {
        DeliveryReplay.Result result = replay.replay(operator.getName(), target,
                entryIds == null ? List.of() : entryIds);
        if (!result.known()) {
            return ResponseEntity.status(404).body(Map.of("error", "no delivery target '" + target + "'",
                    "targets", result.targets()));
        }
        return ResponseEntity.ok(Map.of("target", target, "replayed", result.replayed()));
    }
}
