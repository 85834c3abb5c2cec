package org.rectificationhub.commission;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * The feed for a commission without Kafka: the rounds with their latest snapshot, and a round's latest snapshot as
 * it went out on the feed. Read-only, behind the commission's own login (SecurityConfig): confidential detail.
 */
@RestController
@RequestMapping("/api/commission")
class CommissionController {

    private final SnapshotFeed snapshots;

    CommissionController(SnapshotFeed snapshots) {
        this.snapshots = snapshots;
    }

    @GetMapping("/rounds")
    List<Map<String, Object>> rounds() {
        return snapshots.rounds();
    }

    @GetMapping("/rounds/{roundId}")
    ResponseEntity<?> round(@PathVariable String roundId) {
        return snapshots.latest(roundId)
                .<ResponseEntity<?>>map(json -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json))
                .orElseGet(() -> ResponseEntity.status(404).body(Map.of("error",
                        "no snapshot of round '" + roundId + "' yet: a round's first snapshot follows its first "
                                + "change by the feed's window")));
    }
}
