package org.rectificationhub.ops.lineage;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** Tracing reports: a bounded search, and a problem's whole timeline across channels and delivery targets. */
@RestController
@RequestMapping("/api/lineage")
class LineageController {

    private final Lineage lineage;

    LineageController(Lineage lineage) {
        this.lineage = lineage;
    }

    /** A problem number means nothing without its round (and would make the search read the whole log). */
    @GetMapping
    ResponseEntity<?> search(@RequestParam(required = false) String round,
                             @RequestParam(required = false) Integer problem,
                             @RequestParam(required = false) String department,
                             @RequestParam(required = false) String updateId,
                             @RequestParam(defaultValue = "" + Lineage.DEFAULT_LIMIT) int limit) {
        if (problem != null && (round == null || round.isBlank())) {
            return ResponseEntity.badRequest().body(Map.of("error", "problem: give its round too (round=…)"));
        }
        return ResponseEntity.ok(lineage.search(new Timeline.Query(round, problem, department, updateId), limit));
    }

    @GetMapping("/rounds/{roundId}/problems/{problemNo}")
    ResponseEntity<?> problem(@PathVariable String roundId, @PathVariable int problemNo,
                              @RequestParam(defaultValue = "" + Lineage.DEFAULT_TIMELINE_LIMIT) int limit) {
        return lineage.problem(roundId, problemNo, limit).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(404).body(Map.of("error", "no such problem in the ledger",
                        "roundId", roundId, "problemNo", problemNo)));
    }
}
