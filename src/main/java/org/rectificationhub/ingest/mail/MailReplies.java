package org.rectificationhub.ingest.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.rectificationhub.ingest.IngestOutcome;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Properties;

/**
 * The hub's answers, by SMTP from its own address: one reply per mail to a department's address, in Chinese and
 * English, saying what was recorded (what it reports on, entry id and hash) and what was not and why. A sender the
 * hub does not know gets at most a fixed notice without details, and few of those (a forged From would otherwise
 * turn the hub into a source of backscatter). Every answer is marked Auto-Submitted, so robots do not answer it.
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
    /** Used by the mailbox's poll only, one poll at a time (the mail route's one thread). */
    private Transport open;

    MailReplies(MailSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** The reply to a department's mail; its Message-ID is derived from the mail's, so a resend is recognisable. */
    String answer(Message mail, String to, String key, List<PartResult> results) throws MessagingException {
        StringBuilder recorded = new StringBuilder();
        StringBuilder refused = new StringBuilder();
        for (PartResult part : results) {
            for (IngestOutcome o : part.outcomes()) {
                String line = "- " + part.label() + " #" + o.index() + ": ";
                if (o.isRejected()) {
                    refused.append(line).append(o.reason()).append('\n');
                } else {
                    recorded.append(line).append(o.status()).append(o.about() == null ? "" : ", " + o.about())
                            .append(", entry ").append(o.entryId()).append(", hash ").append(o.entryHash()).append('\n');
                }
            }
        }
        String body = "您好！巡察整改数据中心已处理您的来信。Your mail has been processed.\n\n"
                + "已记录 Recorded:\n" + (recorded.isEmpty() ? "- （无 none）\n" : recorded)
                + "\n未记录 Not recorded:\n" + (refused.isEmpty() ? "- （无 none）\n" : refused
                + "\n请修改后重新发送。Please correct these and send them again.\n");
        return send(mail, to, "回执 Receipt: " + subject(mail), body, key);
    }

    /** The fixed notice to an unknown or forged sender, if the hour's allowance is not spent. */
    boolean notice(Message mail, String to, String key) throws MessagingException {
        synchronized (notices) {
            Instant now = clock.instant();
            while (!notices.isEmpty() && notices.peekFirst().isBefore(now.minus(Duration.ofHours(1)))) {
                notices.pollFirst();
            }
            if (notices.size() >= settings.noticesPerHour()) {
                return false;
            }
            notices.addLast(now);
        }
        send(mail, to, "未处理 Not processed", NOTICE, key);
        return true;
    }

    private String send(Message mail, String to, String subject, String body, String key) throws MessagingException {
        MimeMessage reply = new MimeMessage(session()) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", replyId(key));
            }
        };
        reply.setFrom(new InternetAddress(settings.address()));
        reply.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        reply.setSubject(subject, "UTF-8");
        reply.setText(body, "UTF-8");
        reply.setHeader("Auto-Submitted", "auto-replied");
        String[] id = mail.getHeader("Message-ID");
        if (id != null && id.length > 0) {
            reply.setHeader("In-Reply-To", id[0]);
            reply.setHeader("References", id[0]);
        }
        reply.saveChanges(); // what Transport.send would do: the Message-ID above, the MIME headers
        transport(reply.getSession()).sendMessage(reply, reply.getAllRecipients());
        return replyId(key);
    }

    /**
     * The poll's SMTP connection, opened by its first reply: a connection per reply (connect, EHLO, login) was the
     * larger part of a mail's time. A send that fails on it fails the mail (left unseen, taken again), and the
     * poll ends; the next poll opens a new one.
     */
    private Transport transport(Session session) throws MessagingException {
        if (open == null || !open.isConnected()) {
            Transport transport = session.getTransport("smtp");
            if (settings.embedded()) {
                transport.connect();
            } else {
                transport.connect(settings.login(), settings.password());
            }
            open = transport;
        }
        return open;
    }

    /** Closes the poll's SMTP connection (MailInbox, as each poll ends). */
    void pollEnded() {
        if (open != null) {
            try {
                open.close();
            } catch (MessagingException e) {
                // Closing only says goodbye to the server: every reply sent over it was accepted already.
            }
            open = null;
        }
    }

    static String replyId(String key) {
        return "<reply-" + org.rectificationhub.canonical.CanonicalJson.sha256(key).substring(0, 32)
                + "@rectification-hub>";
    }

    private static String subject(Message mail) throws MessagingException {
        String subject = mail.getSubject();
        return subject == null ? "" : subject.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    private Session session() {
        Properties p = new Properties();
        p.put("mail.smtp.host", settings.smtpServer());
        p.put("mail.smtp.port", String.valueOf(settings.smtpPort()));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "30000");
        if (!settings.embedded()) {
            p.put("mail.smtp.auth", "true");
            p.put("mail.smtp.starttls.enable", String.valueOf(settings.smtpStarttls()));
            p.put("mail.smtp.starttls.required", String.valueOf(settings.smtpStarttls()));
        }
        return Session.getInstance(p);
    }
}
