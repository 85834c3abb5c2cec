package org.rectificationhub.ingest.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ingest.FailureCause;
import org.rectificationhub.ingest.IngestReport;
import org.rectificationhub.ingest.Input;
import org.rectificationhub.ingest.Intake;
import org.rectificationhub.ingest.IsolatedIntake;
import org.rectificationhub.ingest.Parking;
import org.rectificationhub.ingest.SecurityEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One mail through the one intake: every part it reads is an input of its own (so one bad attachment does not stop
 * the others), then one answer. A mail from an address no department may send from, forged by the trusted server's
 * verdict, or larger than the limit is quarantined whole and nothing of it is read. A part the hub fails on (a
 * department's broken mapping, a reader's defect) is tried again, then parked alone, and the reply says it is kept.
 * A mail taken before (read again after a crash, or delivered twice) is not taken again. Throws only for the hub's own transient failures: the
 * mail then stays unseen. Its reply is noted with it and sent by {@link MailOutbox}.
 */
@Component
class MailIntake {

    private static final Logger log = LoggerFactory.getLogger(MailIntake.class);
    static final String CHANNEL = "mail";

    private final Intake intake;
    private final IsolatedIntake isolated;
    private final Parking parking;
    private final MailSenders senders;
    private final MailReplies replies;
    private final MailLog answered;
    private final MailSettings settings;
    private final SecurityEvents security;
    private final UnreadableMail unreadable;
    private final Session parsing = Session.getInstance(new Properties());

    MailIntake(Intake intake, IsolatedIntake isolated, Parking parking, MailSenders senders, MailReplies replies,
               MailLog answered, MailSettings settings, SecurityEvents security, UnreadableMail unreadable) {
        this.isolated = isolated;
        this.parking = parking;
        this.unreadable = unreadable;
        this.security = security;
        this.intake = intake;
        this.senders = senders;
        this.replies = replies;
        this.answered = answered;
        this.settings = settings;
    }

    /**
     * One mail of the mailbox, read from its bytes as the server holds them (never from the server's envelope or
     * MIME structure, which some servers get wrong for an odd mail). A mail that cannot be read, whatever throws, is
     * quarantined whole with the reason (a defect of the hub's after it was tried again with back-off: parked) and
     * the poll goes on; only the hub's own transient failures (the database, the mail server) escape, and the mail
     * then stays unseen for the next poll.
     */
    void take(Message stored) throws MessagingException, IOException {
        RawMail raw = RawMail.of(stored, settings.maxMailSize().toBytes());
        Instant arrived = arrival(stored);
        String key = null;
        for (int failures = 1; ; failures++) {
            try {
                MimeMessage mail = new MimeMessage(parsing, new ByteArrayInputStream(raw.bytes()));
                key = key(mail, raw);
                read(mail, raw, key, arrived);
                return;
            } catch (MessagingException | IOException | RuntimeException failure) {
                if (FailureCause.isTransient(failure)) {
                    throw failure;
                }
                // The mail's own structure fails alike every time; a defect of the hub's may pass: tried again first.
                if (!(failure instanceof RuntimeException) || isolated.parks(failures)) {
                    unreadable.quarantine(raw, key == null ? contentKey(raw) : key, arrived, failure);
                    return;
                }
                isolated.pauseAfter(failures);
            }
        }
    }

    private void read(MimeMessage mail, RawMail raw, String key, Instant arrived)
            throws MessagingException, IOException {
        if (answered.taken(key, raw.content())) {
            return;
        }
        MailSenders.Sender sender = senders.of(mail);
        boolean automatic = MailSenders.isAutomatic(mail);
        Map<String, String> headers = headers(mail);
        Input whole = new Input(CHANNEL, sender.department(), key, raw.bytes(), raw.size(), raw.sha256(), "mail.eml",
                null, headers, arrived);
        MailReplies.Reply reply = null;
        if (!sender.known()) {
            security.unreadEntry(CHANNEL, sender.department() == null ? "unknown-sender" : "forged-sender",
                    sender.department(), key, sender.refusal());
            intake.refuse(whole, sender.refusal());
            if (!automatic && sender.address() != null) {
                reply = replies.notice(sender.address(), key, raw.content());
            }
        } else {
            List<MailReplies.PartResult> results = raw.over(settings.maxMailSize().toBytes())
                    ? List.of(new MailReplies.PartResult("邮件 mail", intake.refuse(whole, "the mail has " + raw.size()
                    + " bytes; the limit is " + settings.maxMailSize().toBytes() + " bytes per mail: send the"
                    + " attachments in several mails").outcomes()))
                    : takeParts(raw, whole, sender.department(), key, headers, arrived);
            if (!automatic) {
                reply = replies.answer(mail, sender.address(), key, raw.content(), results);
            }
        }
        answered.taken(key, raw, sender.address(), sender.known() ? sender.department() : null, reply);
        log.info("Mail {} from {} ({}): {}", key, sender.address(), sender.known() ? sender.department() : "refused",
                reply == null ? "no reply" : "reply " + reply.id());
    }

    private List<MailReplies.PartResult> takeParts(RawMail raw, Input whole, String department, String key,
                                                   Map<String, String> headers, Instant arrived) {
        List<MailPart> parts;
        try {
            parts = MimeParts.of(new MimeMessage(parsing, new ByteArrayInputStream(raw.bytes())), settings);
        } catch (MessagingException | IOException damaged) {
            // Parsed from the bytes in hand, not the server: what fails here is the mail's own structure.
            return List.of(new MailReplies.PartResult("邮件 mail", intake.refuse(whole, "the mail's MIME structure"
                    + " cannot be read (" + damaged.getMessage() + "); send it again from an ordinary mail client")
                    .outcomes()));
        } catch (RuntimeException defect) {
            // A defect of the hub's mail reader, not the sender's: the mail is kept whole for an operator.
            log.warn("The mail reader failed on {}; the mail is parked whole", key, defect);
            return List.of(new MailReplies.PartResult("邮件 mail", List.of(parking.park(whole,
                    "the mail reader failed on its parts (" + defect + ")"))));
        }
        if (parts.isEmpty()) {
            return List.of(new MailReplies.PartResult("邮件 mail", intake.refuse(whole, "the mail has no text or"
                    + " attachment the hub reads: expected a notice as its text, or .json, .csv, .xlsx, .docx or"
                    + " .txt attachments").outcomes()));
        }
        List<MailReplies.PartResult> results = new ArrayList<>();
        int n = 0;
        for (MailPart part : parts) {
            n++;
            Input input = new Input(CHANNEL, department, key + " part " + n + " (" + part.label() + ")", part.bytes(),
                    part.bytes().length, CanonicalJson.sha256(part.bytes()), part.fileName(), part.declaredCharset(),
                    headers, arrived);
            IngestReport report = part.problem() != null ? intake.refuse(input, part.problem())
                    : isolated.take(input);
            results.add(new MailReplies.PartResult(part.label(), report.outcomes()));
        }
        return results;
    }

    /**
     * When the mailbox got it (IMAP INTERNALDATE, set by the server, the same at every poll). Not the Date header:
     * the sender writes that.
     */
    private static Instant arrival(Message mail) {
        try {
            java.util.Date date = mail.getReceivedDate(); // fetched with the poll's others (MailInbox)
            return date == null ? null : date.toInstant();
        } catch (MessagingException unknown) {
            return null;
        }
    }

    /**
     * The Message-ID, or for a mail without one its content's hash: with the content hash (MailLog), what makes a
     * mail read twice the same mail.
     */
    private static String key(MimeMessage mail, RawMail raw) throws MessagingException {
        String id = mail.getMessageID();
        return id == null || id.isBlank() || id.length() > 250 ? contentKey(raw)
                : id.replaceAll("[\\r\\n\\t]", "").strip();
    }

    private static String contentKey(RawMail raw) {
        return "content:" + raw.content();
    }

    private static Map<String, String> headers(MimeMessage mail) throws MessagingException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : List.of("Message-ID", "From", "Subject", "Date")) {
            String value = mail.getHeader(name, ", ");
            if (value != null) {
                headers.put(name, value);
            }
        }
        return headers;
    }
}
