package org.rectificationhub.ops.console;

import org.rectificationhub.ledger.Checkpoints;
import org.rectificationhub.ledger.IntegrityGate;
import org.rectificationhub.ledger.IntegrityWatch;
import org.rectificationhub.ledger.VerificationRequests;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The ledger's proof as the continuous check last left it (intact or the break, the last verified entry, the signed
 * checkpoints) and the full verification on request: the same VerificationRequests as POST /api/ledger/verify,
 * so a break it finds halts appending like any other, and one already running (here or on another instance) is
 * named rather than started again. Clearing a break stays with the API, which asks for a reason.
 */
@Controller
@RequestMapping("/ops/integrity")
class IntegrityPage {

    static final int CHECKPOINTS = 20;

    private final IntegrityWatch watch;
    private final IntegrityGate gate;
    private final Checkpoints checkpoints;
    private final VerificationRequests requests;

    IntegrityPage(IntegrityWatch watch, IntegrityGate gate, Checkpoints checkpoints, VerificationRequests requests) {
        this.watch = watch;
        this.requests = requests;
        this.gate = gate;
        this.checkpoints = checkpoints;
    }

    @GetMapping
    String show(Model model) {
        model.addAttribute("broken", gate.broken().orElse(null));
        model.addAttribute("verifiedPosition", watch.verifiedPosition());
        model.addAttribute("verifiedAt", watch.verifiedAt().orElse(null));
        model.addAttribute("checkpoints", checkpoints.newest(CHECKPOINTS));
        model.addAttribute("checkpointLimit", CHECKPOINTS);
        model.addAttribute("publicKey", checkpoints.publicKey());
        return "ops/integrity";
    }

    /** A POST, not a link: the full check reads the whole ledger, and a crawler or a prefetch must not start it. */
    @PostMapping("/verify")
    String verify(Authentication operator, RedirectAttributes next) {
        IntegrityWatch.FullRun run = requests.verify(operator.getName());
        if (run.report() != null) {
            next.addFlashAttribute("report", run.report());
        } else {
            next.addFlashAttribute("running", run.alreadyRunning());
        }
        return "redirect:/ops/integrity";
    }
}
