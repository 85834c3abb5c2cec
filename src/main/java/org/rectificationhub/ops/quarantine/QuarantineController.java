package org.rectificationhub.ops.quarantine;

import org.rectificationhub.ledger.Quarantine;
import org.rectificationhub.ledger.QuarantineSearch;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** The quarantine for operators: what was rejected and what became of it; replay once mended, or discard. */
@RestController
@RequestMapping("/api/quarantine")
class QuarantineController {

    private final QuarantineSearch search;
    private final Quarantine quarantine;
    private final QuarantineActions actions;

    QuarantineController(QuarantineSearch search, Quarantine quarantine, QuarantineActions actions) {
        this.search = search;
        this.quarantine = quarantine;
        this.actions = actions;
    }

    @GetMapping
    ResponseEntity<?> list(@RequestParam(required = false) String channel,
                           @RequestParam(required = false) String department,
                           @RequestParam(required = false) String reason,
                           @RequestParam(required = false) String from,
                           @RequestParam(required = false) String to,
                           @RequestParam(required = false) String state,
                           @RequestParam(required = false) Integer limit) {
        QuarantineSearch.Filter filter;
        try {
            filter = QuarantineFilters.of(channel, department, reason, from, to, state, limit);
        } catch (IllegalArgumentException wrong) {
            return ResponseEntity.badRequest().body(Map.of("error", wrong.getMessage()));
        }
        return ResponseEntity.ok(search.find(filter));
    }

    @GetMapping("/{id}/original")
    ResponseEntity<byte[]> original(@PathVariable long id) {
        byte[] bytes = quarantine.original(id);
        return bytes == null ? ResponseEntity.notFound().build()
                : ResponseEntity.ok().header("Content-Type", "application/octet-stream")
                .header("Content-Disposition", "attachment; filename=\"quarantine-" + id + ".bin\"").body(bytes);
    }

    @PostMapping("/{id}/replay")
    ResponseEntity<Map<String, Object>> replay(@PathVariable long id, @RequestParam(required = false) String comment,
                                               Authentication operator) {
        return actions.replay(id, operator.getName(), comment).toResponse();
    }

    @PostMapping("/{id}/discard")
    ResponseEntity<Map<String, Object>> discard(@PathVariable long id, @RequestParam(required = false) String comment,
                                                Authentication operator) {
        return actions.discard(id, operator.getName(), comment).toResponse();
    }
}
