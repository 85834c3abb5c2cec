package org.rectificationhub.ops.console;

import org.rectificationhub.ops.lineage.Lineage;
import org.rectificationhub.ops.lineage.Timeline;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Tracing reports through Lineage, as GET /api/lineage does: a bounded search by round, problem, department or
 * updateId, and a problem's timeline, every entry traced to its channel's source and to each delivery target, with
 * the documents rejected under the same updateIds.
 */
@Controller
@RequestMapping("/ops/lineage")
class LineagePage {

    private final Lineage lineage;

    LineagePage(Lineage lineage) {
        this.lineage = lineage;
    }

    /** Without any criterion only the form: an empty search would be the whole log's latest entries, not an answer. */
    @GetMapping
    String search(@RequestParam(required = false) String round, @RequestParam(required = false) String problem,
                  @RequestParam(required = false) String department, @RequestParam(required = false) String updateId,
                  Model model) {
        model.addAttribute("form", new Form(round, problem, department, updateId));
        model.addAttribute("limit", Lineage.DEFAULT_LIMIT);
        if (blank(round) && blank(problem) && blank(department) && blank(updateId)) {
            return "ops/lineage";
        }
        Integer problemNo = null;
        if (!blank(problem)) {
            if (!problem.strip().matches("\\d{1,9}")) {
                model.addAttribute("formError", "lineage.problemNotANumber");
                return "ops/lineage";
            }
            problemNo = Integer.valueOf(problem.strip());
            // a problem number means nothing without its round, and would make the search read the whole log
            if (blank(round)) {
                model.addAttribute("formError", "lineage.problemNeedsRound");
                return "ops/lineage";
            }
        }
        model.addAttribute("search", lineage.search(new Timeline.Query(round, problemNo, department, updateId),
                Lineage.DEFAULT_LIMIT));
        model.addAttribute("problemNo", problemNo);
        return "ops/lineage";
    }

    @GetMapping("/rounds/{roundId}/problems/{problemNo}")
    String problem(@PathVariable String roundId, @PathVariable int problemNo, Model model) {
        Timeline.Problem timeline = lineage.problem(roundId, problemNo, Lineage.DEFAULT_TIMELINE_LIMIT)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such problem in the ledger"));
        model.addAttribute("timeline", timeline);
        return "ops/lineage-problem";
    }

    /** The search form as typed, shown again above its answer. */
    record Form(String round, String problem, String department, String updateId) {
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
