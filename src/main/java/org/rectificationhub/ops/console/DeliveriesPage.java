package org.rectificationhub.ops.console;

import org.rectificationhub.delivery.Deliveries;
import org.rectificationhub.delivery.DeliveryReplay;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deliveries per target (the public site, the commission): what waits, what failed or is parked, why and since when,
 * how far behind, and what the target holds that failed (the commission's snapshots); failed and parked entries sent
 * again, all of a target's or one, through the same service as POST /api/deliveries/{target}/replay.
 */
@Controller
@RequestMapping("/ops/deliveries")
class DeliveriesPage {

    static final int FAILED_ROWS = 50;

    private final Deliveries deliveries;
    private final DeliveryReplay replay;

    DeliveriesPage(Deliveries deliveries, DeliveryReplay replay) {
        this.replay = replay;
        this.deliveries = deliveries;
    }

    @GetMapping
    String show(Model model) {
        List<Deliveries.Target> targets = deliveries.targets();
        Map<String, List<Map<String, Object>>> failed = new LinkedHashMap<>();
        targets.forEach(t -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            if (t.parked() > 0) {
                rows.addAll(deliveries.rows(t.name(), "parked", FAILED_ROWS));
            }
            if (t.failed() > 0) {
                rows.addAll(deliveries.rows(t.name(), "failed", FAILED_ROWS));
            }
            failed.put(t.name(), rows);
        });
        model.addAttribute("targets", targets);
        model.addAttribute("failed", failed);
        model.addAttribute("failedLimit", FAILED_ROWS);
        return "ops/deliveries";
    }

    /** Every failed and parked entry of the target again, or only {@code entryId}; back to the page, which says how many. */
    @PostMapping("/{target}/replay")
    String replay(@PathVariable String target, @RequestParam(required = false) Long entryId,
                  Authentication operator, RedirectAttributes next) {
        DeliveryReplay.Result result = replay.replay(operator.getName(), target,
                entryId == null ? List.of() : List.of(entryId));
        if (!result.known()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such delivery target");
        }
        next.addFlashAttribute("replayed", result.replayed());
        next.addFlashAttribute("replayedTarget", target);
        return "redirect:/ops/deliveries";
    }
}
