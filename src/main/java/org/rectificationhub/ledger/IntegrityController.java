package org.rectificationhub.ledger;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ledger's proof for operators and auditors: verification, checkpoints, and clearing a break. */
@RestController
@RequestMapping("/api/ledger")
class IntegrityController {

    private final IntegrityWatch watch;
    private final IntegrityGate gate;
    private final Checkpoints checkpoints;
    private final IntegrityClearance clearance;
    private final VerificationRecord proof;
    private final VerificationRequests requests;

    IntegrityController(IntegrityWatch watch, IntegrityGate gate, Checkpoints checkpoints,
                        IntegrityClearance clearance, VerificationRecord proof, VerificationRequests requests) {
        this.proof = proof;
        this.requests = requests;
        this.watch = watch;
        this.gate = gate;
        this.checkpoints = checkpoints;
        this.clearance = clearance;
    }

    /**
     * The full check: chain, every trusted checkpoint, and the current state replayed from the log. A POST: it
     * reads the whole ledger and a break it finds halts appending. One runs at a time in the cluster: asked while
     * one runs, the answer is 409 with the running one's start.
     */
    @PostMapping("/verify")
    ResponseEntity<Map<String, Object>> verify(Authentication operator) {
        IntegrityWatch.FullRun run = requests.verify(operator.getName());
        if (run.report() == null) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("running", true,
                    "startedAt", run.alreadyRunning().since().toString(), "instance", run.alreadyRunning().instance()));
        }
        LedgerVerifier.Report report = run.report();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", report.ok());
        body.put("entries", report.entries());
        body.put("head", report.head());
        body.put("checkpoints", report.checkpoints());
        if (!report.ok()) {
            body.put("firstBrokenEntry", report.brokenAt());
            body.put("problem", report.problem());
        }
        return ResponseEntity.ok(body);
    }

    /** The last full verification's result, and the one running if any: reads only. */
    @GetMapping("/verify")
    Map<String, Object> lastVerification() {
        Map<String, Object> body = new LinkedHashMap<>(proof.last().orElse(Map.of("ran", false)));
        proof.running().ifPresent(r -> body.put("running", Map.of("startedAt", r.since().toString(),
                "instance", r.instance())));
        return body;
    }

    @GetMapping("/checkpoints")
    Map<String, Object> checkpoints() {
        List<Map<String, Object>> list = checkpoints.stored().stream().map(Checkpoint::published).toList();
        return Map.of("algorithm", "Ed25519", "publicKey", checkpoints.publicKey(),
                "signedPayload", "canonical JSON of {headHash, hubInstance, position, time}", "checkpoints", list);
    }

    @GetMapping("/integrity")
    Map<String, Object> integrity() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("intact", gate.broken().isEmpty());
        gate.broken().ifPresent(b -> body.put("break", b));
        body.put("verifiedPosition", watch.verifiedPosition());
        watch.verifiedAt().ifPresent(at -> body.put("verifiedAt", at.toString()));
        watch.lastCheckpoint().ifPresent(c -> body.put("lastCheckpoint", Map.of("position", c.position(),
                "time", c.signedAt().toString())));
        List<Map<String, Object>> untrusted = watch.untrustedCheckpoints().stream().map(Checkpoint::published).toList();
        if (!untrusted.isEmpty()) {
            body.put("untrustedCheckpoints", untrusted);
        }
        return body;
    }

    /** After looking at a break: accept the ledger as it stands, resume appending. The reason is audited. */
    @PostMapping("/integrity/clear")
    ResponseEntity<?> clear(@RequestParam(required = false) String reason, Authentication operator) {
        IntegrityClearance.Result result = clearance.clear(operator.getName(), reason);
        if (result.refusal() != null) {
            return ResponseEntity.badRequest().body(Map.of("error", result.refusal()));
        }
        return ResponseEntity.ok(Map.of("cleared", result.cleared().map(Object.class::cast).orElse("nothing was broken")));
    }
}
