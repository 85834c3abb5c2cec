package org.rectificationhub.ingest.mail;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.rectificationhub.ingest.Reasons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * Sends the replies {@link MailLog} holds, by SMTP from the hub's own address. A reply the server refuses for good
 * (a 5xx answer, an address no server takes) is kept failed with the error and since when, for operators to see; one
 * refused for now (4xx, no connection, a timeout) is tried again with a doubling back-off, at most
 * {@code hub.mail.reply-attempts} times. Either way the mail itself is recorded and flagged seen: a reply never makes
 * the hub read a mail again. Every answer is marked Auto-Submitted, so robots do not answer it.
 */
@Component
class MailOutbox {

    private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);

    private final MailSettings settings;
    private final MailLog replies;
    private final Clock clock;
    /** Used by the mailbox's poll only, one poll at a time (the mail route's one thread). */
    private Transport open;

    MailOutbox(MailSettings settings, MailLog replies, Clock clock) {
        this.settings = settings;
        this.replies = replies;
        this.clock = clock;
    }

    /** The replies whose time has come (a poll's new ones, retries), at most {@code max}, each tried once. */
    void sendDue(int max) {
        replies.due(max).forEach(this::send);
    }

    void send(MailLog.Reply reply) {
        try {
            transport().sendMessage(message(reply), new Address[]{new InternetAddress(reply.to(), true)});
            replies.sent(reply);
        } catch (MessagingException failure) {
            boolean permanent = permanent(failure);
            int attempts = reply.attempts() + 1;
            Instant next = permanent || attempts >= settings.replyAttempts() ? null
                    : clock.instant().plus(backOff(attempts));
            String error = Reasons.bounded((permanent ? "refused for good: " : "failed (attempt " + attempts + " of "
                    + settings.replyAttempts() + "): ") + describe(failure));
            replies.attemptFailed(reply, error, next);
            log.warn("The reply {} to {} for mail {} {}", reply.replyId(), reply.to(), reply.key(), error);
            if (!permanent) {
                pollEnded(); // the connection may be what failed: the next reply opens a new one
            }
        }
    }

    private Duration backOff(int attempts) {
        Duration wait = settings.replyRetry().multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    /** 5xx from the server, for the mail or for its one recipient, or an address no server would take. */
    static boolean permanent(MessagingException failure) {
        for (Exception e = failure; e != null; e = e instanceof MessagingException m ? m.getNextException() : null) {
            if (e instanceof AddressException) {
                return true;
            }
            int code = e instanceof SMTPSendFailedException s ? s.getReturnCode()
                    : e instanceof SMTPAddressFailedException a ? a.getReturnCode() : 0;
            if (code >= 500 && code < 600) {
                return true;
            }
            if (code >= 400) {
                return false;
            }
            if (e instanceof SendFailedException sent && sent.getNextException() == null
                    && sent.getInvalidAddresses() != null && sent.getInvalidAddresses().length > 0) {
                return true;
            }
        }
        return false;
    }

    private static String describe(MessagingException failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()).strip());
        for (Exception e = failure.getNextException(); e != null;
             e = e instanceof MessagingException m ? m.getNextException() : null) {
            text.append("; ").append(String.valueOf(e.getMessage()).strip());
        }
        return text.toString().replaceAll("\\s+", " ");
    }

    private MimeMessage message(MailLog.Reply reply) throws MessagingException {
        MimeMessage message = new MimeMessage(session()) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", reply.replyId());
            }
        };
        message.setFrom(new InternetAddress(settings.address()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(reply.to(), true));
        message.setSubject(reply.subject(), "UTF-8");
        message.setText(reply.body(), "UTF-8");
        message.setHeader("Auto-Submitted", "auto-replied");
        if (reply.inReplyTo() != null) {
            message.setHeader("In-Reply-To", reply.inReplyTo());
            message.setHeader("References", reply.inReplyTo());
        }
        message.saveChanges(); // what Transport.send would do: the Message-ID above, the MIME headers
        return message;
    }

    /**
     * The poll's SMTP connection, opened by its first reply: a connection per reply (connect, EHLO, login) was the
     * larger part of a mail's time. The next poll opens a new one.
     */
    private Transport transport() throws MessagingException {
        if (open == null || !open.isConnected()) {
            Transport transport = session().getTransport("smtp");
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

    private Session session() {
        Properties p = new Properties();
        p.put("mail.smtp.host", settings.smtpServer());
        p.put("mail.smtp.port", String.valueOf(settings.replyPort()));
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
