package org.rectificationhub.ops.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.ui.Model;

import java.security.Principal;

/**
 * What every console page's layout (templates/ops/layout.html) reads: the navigation, the page's own path (the
 * current link, the language links), who is signed in, and the time formatter.
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    private final ConsoleNav nav;
    private final ConsoleTime time;

    ConsoleModel(ConsoleNav nav, ConsoleTime time) {
        this.nav = nav;
        this.time = time;
    }

    @ModelAttribute
    void layout(Model model, HttpServletRequest request, Principal user) {
        model.addAttribute("nav", nav.items());
        model.addAttribute("path", request.getRequestURI().substring(request.getContextPath().length()));
        model.addAttribute("user", user == null ? null : user.getName());
        model.addAttribute("time", time);
        model.addAttribute("zone", time.zone().getId());
    }
}
