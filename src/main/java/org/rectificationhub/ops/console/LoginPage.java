package org.rectificationhub.ops.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's own login page; Spring Security checks the form it posts (SecurityConfig). It says why the operator
 * is back here: a wrong password, signed out, or too many failed logins from this address (with the wait).
 */
@Controller
class LoginPage {

    @GetMapping("/ops/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
                 @RequestParam(required = false) String blocked, Model model) {
        model.addAttribute("failed", error != null);
        model.addAttribute("signedOut", logout != null);
        // the wait the throttle put in the link; anything else in it is ignored, never shown
        model.addAttribute("blockedSeconds", blocked != null && blocked.matches("[0-9]{1,7}") ? blocked : null);
        return "ops/login";
    }
}
