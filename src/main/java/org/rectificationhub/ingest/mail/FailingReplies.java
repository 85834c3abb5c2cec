package org.rectificationhub.ingest.mail;

import org.springframework.dao.DataAccessException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * The replies that fail, for operators: GET /api/mail/replies lists them (which mail, to whom, the error, since
 * when, the next attempt or none), and the channels page says how many and which one fails longest. The mails
 * themselves are recorded: only their answers wait or were refused.
 */
@RestController
class FailingReplies {

    /** One failing reply; {@code nextAttempt} null: refused for good, tried no more. */
    record Failing(String mail, String to, String replyId, String state, int attempts, String error,
                   Instant failingSince, Instant nextAttempt) {
    }

    private final MailLog log;

    FailingReplies(MailLog log) {
        this.log = log;
    }

    @GetMapping("/api/mail/replies")
    List<Failing> failing() {
        return log.failing().stream().map(r -> new Failing(r.key(), r.to(), r.replyId(),
                r.nextAt() == null ? MailLog.FAILED : MailLog.PENDING, r.attempts(), r.error(), r.failingSince(),
                r.nextAt())).toList();
    }

    /** For the channel's note: empty when every reply went out. */
    String summary() {
        List<Failing> failing;
        try {
            failing = failing();
        } catch (DataAccessException unknown) {
            return "; failing replies unknown (the database did not answer: " + unknown.getMessage() + ")";
        }
        if (failing.isEmpty()) {
            return "";
        }
        Failing oldest = failing.get(0);
        return "; " + failing.size() + " replies failing (/api/mail/replies), the longest since "
                + oldest.failingSince() + ": " + oldest.state() + ", mail " + oldest.mail() + " to " + oldest.to()
                + ": " + oldest.error();
    }
}
