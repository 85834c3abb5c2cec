package org.rectificationhub.ingest.mail;

import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ingest.Input;
import org.rectificationhub.ingest.Retaken;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A part of a department's mail that an operator replayed from quarantine (parked by the hub, or rejected and since
 * mended) is answered again: a reply to the same mail, from the same outbox, saying what came of it. It is noted in
 * the replay's own transaction ({@link MailLog}), so it goes out with the next poll's replies once the replay
 * commits, and never for one that did not.
 */
@Component
class ReplayReplies {

    /** How {@link MailIntake} names a part: the mail's key, "part", its number and its label. */
    private static final Pattern PART = Pattern.compile("(.+) part \\d+ \\((.*)\\)");

    private final MailLog answered;
    private final MailReplies replies;
    private final Clock clock;

    ReplayReplies(MailLog answered, MailReplies replies, Clock clock) {
        this.answered = answered;
        this.replies = replies;
        this.clock = clock;
    }

    @EventListener
    void replayed(Retaken retaken) {
        Input input = retaken.input();
        if (!MailIntake.CHANNEL.equals(input.channel()) || input.sender() == null || input.source() == null) {
            return; // another channel's input, or a stranger's mail: no reply is owed
        }
        Matcher part = PART.matcher(input.source());
        String key = part.matches() ? part.group(1) : input.source();
        String label = part.matches() ? part.group(2) : "邮件 mail";
        answered.answered(key, input.sender()).ifPresent(mail -> {
            String content = CanonicalJson.sha256(("replayed " + input.source() + " " + input.sha256() + " "
                    + clock.instant()).getBytes(StandardCharsets.UTF_8));
            answered.followUp(key, content, mail, input.sender(), replies.followUp(mail.sender(), mail.replySubject(),
                    key, content, List.of(new MailReplies.PartResult(label, retaken.outcomes()))));
        });
    }
}
