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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The routes with Camel's own numbers, and stop, start, suspend, resume through RouteControl: the same audited
 * service as POST /api/routes/{id}/{command}, so a refusal (a disabled channel's route) reads the same here.
 */
@Controller
@RequestMapping("/ops/routes")
class RoutesPage {

    private final Routes routes;
    private final RouteControl control;

    RoutesPage(Routes routes, RouteControl control) {
        this.routes = routes;
        this.control = control;
    }

    @GetMapping
    String show(Model model) {
        model.addAttribute("routes", routes.all());
        return "ops/routes";
    }

    @PostMapping("/{id}/{command:stop|start|suspend|resume}")
    String act(@PathVariable String id, @PathVariable String command, @RequestParam(required = false) String comment,
               Authentication operator, RedirectAttributes next) {
        ActionResult result = control.act(id, RouteControl.Command.of(command), operator.getName(),
                comment == null || comment.isBlank() ? null : comment.strip());
        next.addFlashAttribute("outcome", result);
        next.addFlashAttribute("outcomeRoute", id);
        return "redirect:/ops/routes";
    }
}
