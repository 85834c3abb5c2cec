package org.rectificationhub.ops.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import java.util.Map;

/**
 * The console's first page: the headline numbers, kept fresh by console.js polling /ops/data/counters (any page with
 * {@code data-poll} on its main element and {@code data-counter} on its numbers gets the same).
 */
@Controller
class OverviewPage {

    private final Counters counters;
    private final ConsoleTime time;

    OverviewPage(Counters counters, ConsoleTime time) {
        this.counters = counters;
        this.time = time;
    }

    @GetMapping("/ops/")
    String overview(Model model) {
        model.addAttribute("groups", counters.groups());
        return "ops/overview";
    }

    @GetMapping("/ops/data/counters")
    @ResponseBody
    Map<String, Object> counters() {
        return Map.of("counters", counters.byKey(), "readAt", time.now());
    }
}
