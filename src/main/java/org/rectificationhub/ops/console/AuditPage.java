package org.rectificationhub.ops.console;

import org.rectificationhub.audit.AuditLog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/**
 * What operators did (who, what, on what, why, when, what came of it), newest first, from the audit log that every
 * action of the API and the console writes; bounded by a limit the operator picks, narrowed by action or operator.
 */
@Controller
class AuditPage {

    static final List<Integer> LIMITS = List.of(50, 200, 1000);
    static final int DEFAULT_LIMIT = 50;

    private final AuditLog audit;

    AuditPage(AuditLog audit) {
        this.audit = audit;
    }

    /** @param action an action (quarantine.discard) or a capability (quarantine), as GET /api/audit takes it */
    @GetMapping("/ops/audit")
    String show(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String action,
                @RequestParam(required = false) String actor, Model model) {
        int rows = limit != null && LIMITS.contains(limit) ? limit : DEFAULT_LIMIT;
        model.addAttribute("entries", audit.recent(rows, blankToNull(action), blankToNull(actor), null));
        model.addAttribute("limit", rows);
        model.addAttribute("limits", LIMITS);
        model.addAttribute("action", action == null ? "" : action.strip());
        model.addAttribute("actor", actor == null ? "" : actor.strip());
        return "ops/audit";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
