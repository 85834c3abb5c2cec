package org.rectificationhub.ingest.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.rectificationhub.OutputText;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ingest.IngestOutcome;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The hub's answers, by SMTP from its own address: one reply per mail to a department's address, in Chinese and
 * English, saying what was recorded (what it reports on, entry id and hash) and what was not and why. A sender the
 * hub does not know gets at most a fixed notice without details, and few of those (a forged From would otherwise
 * turn the hub into a source of backscatter). Written here, sent by {@link MailOutbox}.
 */
@Component
class MailReplies {

    /** One part's outcome, for the reply. */
    record PartResult(String label, List<IngestOutcome> outcomes) {
    }

    static final String NOTICE = "此邮箱只受理已登记部门邮箱发送的巡察整改材料，您的来信未被处理。\n"
            + "This mailbox accepts rectification reports only from the registered addresses of departments;"
            + " your mail was not read.\n";

    private final MailSettings settings;
    private final Clock clock;
    private final Deque<Instant> notices = new ArrayDeque<>();

    MailReplies(MailSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** A reply as the outbox keeps it until it is sent. */
    record Reply(String id, String to, String subject, String body) {
    }

    /** The reply to a department's mail; its Message-ID is derived from the mail's, so a resend is recognisable. */
    Reply answer(Message mail, String to, String key, String content, List<PartResult> results)
            throws MessagingException {
        return reply(to, "回执 Receipt: " + subject(mail), "您好！巡察整改数据中心已处理您的来信。Your mail has been"
                + " processed.\n\n" + body(results), key, content);
    }

    /** What came of an operator's replay of a part the hub could not process then, as a reply to the same mail. */
    Reply followUp(String to, String replySubject, String key, String content, List<PartResult> results) {
        return reply(to, "重新处理 Processed again: " + (replySubject == null ? "" : replySubject),
                "您此前来信中暂未处理的材料已重新处理。What your mail held that the hub could not process then has now"
                        + " been processed.\n\n" + body(results), key, content);
    }

    private static String body(List<PartResult> results) {
        StringBuilder recorded = new StringBuilder();
        StringBuilder refused = new StringBuilder();
        StringBuilder kept = new StringBuilder();
        for (PartResult part : results) {
            for (IngestOutcome o : part.outcomes()) {
                String line = "- " + part.label() + (o.index() == 0 ? "" : " #" + o.index()) + ": ";
                if (o.isRejected()) {
                    refused.append(line).append(o.reason()).append('\n');
                } else if (o.isParked()) {
                    kept.append(line).append(o.reason()).append('\n');
                } else {
                    recorded.append(line).append(o.status()).append(o.about() == null ? "" : ", " + o.about())
                            .append(", entry ").append(o.entryId()).append(", hash ").append(o.entryHash()).append('\n');
                }
            }
        }
        return "已记录 Recorded:\n" + (recorded.isEmpty() ? "- （无 none）\n" : recorded)
                + "\n未记录 Not recorded:\n" + (refused.isEmpty() ? "- （无 none）\n" : refused
                + "\n请修改后重新发送。Please correct these and send them again.\n")
                + (kept.isEmpty() ? "" : "\n暂未处理（已保存，无需重发）Not processed yet (kept; no need to send"
                + " again):\n" + kept);
    }

    /** The fixed notice to an unknown or forged sender, if the hour's allowance is not spent; else null. */
    Reply notice(String to, String key, String content) {
        synchronized (notices) {
            Instant now = clock.instant();
            while (!notices.isEmpty() && notices.peekFirst().isBefore(now.minus(Duration.ofHours(1)))) {
                notices.pollFirst();
            }
            if (notices.size() >= settings.noticesPerHour()) {
                return null;
            }
            notices.addLast(now);
        }
        return reply(to, "未处理 Not processed", NOTICE, key, content);
    }

    /** Subject and body quote what the sender wrote (its subject, reasons): neutralised, as in every output. */
    private static Reply reply(String to, String subject, String body, String key, String content) {
        return new Reply(replyId(key, content), to, OutputText.oneLine(subject), OutputText.neutralise(body));
    }

    /** Derived from the mail's Message-ID and content: the same mail's reply, sent again, keeps its Message-ID. */
    static String replyId(String key, String content) {
        return "<reply-" + CanonicalJson.sha256(key + " " + content).substring(0, 32) + "@rectification-hub>";
    }

    private static String subject(Message mail) throws MessagingException {
        String subject = mail.getSubject();
        String line = subject == null ? "" : OutputText.oneLine(subject);
        return line.length() <= 200 ? line : line.substring(0, 200) + "…"; // mail_message.reply_subject is bounded
    }
}
