package org.rectificationhub.audit;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** What operators did, newest first, for operators and auditors. The log is only ever added to. */
@RestController
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/audit")
    List<AuditLog.Entry> audit(@RequestParam(defaultValue = "200") int limit,
                               @RequestParam(required = false) String action,
                               @RequestParam(required = false) String actor,
                               @RequestParam(required = false) String target) {
        return audit.recent(Math.max(1, Math.min(limit, 5000)), action, actor, target);
    }
}
