package org.rectificationhub.ops.console;

import org.rectificationhub.ops.ActionResult;
import org.rectificationhub.ops.routes.RouteControl;
import org.rectificationhub.ops.routes.Routes;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Map;

/**
 * The routes with Camel's own numbers, kept fresh by console.js polling /ops/data/routes, and stop, start, suspend,
 * resume through RouteControl: the same audited service as POST /api/routes/{id}/{command}, so a refusal (a disabled
 * channel's route) reads the same here.
 */
@Controller
class RoutesPage {

    private final RouteFigures figures;
    private final RouteControl control;
    private final ConsoleTime time;

    RoutesPage(RouteFigures figures, RouteControl control, ConsoleTime time) {
        this.figures = figures;
        this.control = control;
        this.time = time;
    }

    @GetMapping("/ops/routes")
    String show(Model model) {
        List<Routes.View> routes = figures.routes();
        model.addAttribute("routes", routes);
        model.addAttribute("figures", figures.of(routes));
        return "ops/routes";
    }

    /** The page's numbers again, for console.js: the Routes page stays current without a reload. */
    @GetMapping("/ops/data/routes")
    @ResponseBody
    Map<String, Object> data() {
        return Map.of("counters", figures.byKey(), "readAt", time.now());
    }

    @PostMapping("/ops/routes/{id}/{command:stop|start|suspend|resume}")
    String act(@PathVariable String id, @PathVariable String command, @RequestParam(required = false) String comment,
               Authentication operator, RedirectAttributes next) {
        ActionResult result = control.act(id, RouteControl.Command.of(command), operator.getName(),
                comment == null || comment.isBlank() ? null : comment.strip());
        next.addFlashAttribute("outcome", result);
        next.addFlashAttribute("outcomeRoute", id);
        return "redirect:/ops/routes";
    }
}
