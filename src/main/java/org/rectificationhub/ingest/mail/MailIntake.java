package org.rectificationhub.ingest.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ingest.IngestReport;
import org.rectificationhub.ingest.Input;
import org.rectificationhub.ingest.Intake;
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
 * verdict, or larger than the limit is quarantined whole and nothing of it is read. A mail answered before (read
 * again after a crash) is not taken again. Throws only for the hub's own failures: the mail then stays unseen.
 */
@Component
class MailIntake {

    private static final Logger log = LoggerFactory.getLogger(MailIntake.class);
    static final String CHANNEL = "mail";

    private final Intake intake;
    private final MailSenders senders;
    private final MailReplies replies;
    private final MailLog answered;
    private final MailSettings settings;
    private final SecurityEvents security;
    private final Session parsing = Session.getInstance(new Properties());

    MailIntake(Intake intake, MailSenders senders, MailReplies replies, MailLog answered, MailSettings settings,
               SecurityEvents security) {
        this.security = security;
        this.intake = intake;
        this.senders = senders;
        this.replies = replies;
        this.answered = answered;
        this.settings = settings;
    }

    void take(MimeMessage mail) throws MessagingException, IOException {
        RawMail raw = RawMail.of(mail, settings.maxMailSize().toBytes());
        String key = key(mail, raw);
        if (answered.answered(key)) {
            return;
        }
        MailSenders.Sender sender = senders.of(mail);
        boolean automatic = MailSenders.isAutomatic(mail);
        Map<String, String> headers = headers(mail);
        Instant arrived = arrival(mail);
        Input whole = new Input(CHANNEL, sender.department(), key, raw.bytes(), raw.size(), raw.sha256(), "mail.eml",
                null, headers, arrived);
        String replyId = null;
        if (!sender.known()) {
            security.unreadEntry(CHANNEL, sender.department() == null ? "unknown-sender" : "forged-sender",
                    sender.department(), key, sender.refusal());
            intake.refuse(whole, sender.refusal());
            if (!automatic && sender.address() != null && replies.notice(mail, sender.address(), key)) {
                replyId = MailReplies.replyId(key);
            }
        } else {
            List<MailReplies.PartResult> results = raw.over(settings.maxMailSize().toBytes())
                    ? List.of(new MailReplies.PartResult("邮件 mail", intake.refuse(whole, "the mail has " + raw.size()
                    + " bytes; the limit is " + settings.maxMailSize().toBytes() + " bytes per mail: send the"
                    + " attachments in several mails").outcomes()))
                    : takeParts(raw, whole, sender.department(), key, headers, arrived);
            if (!automatic) {
                replyId = replies.answer(mail, sender.address(), key, results);
            }
        }
        answered.answered(key, raw.sha256(), sender.address(), sender.known() ? sender.department() : null, replyId);
        log.info("Mail {} from {} ({}): {}", key, sender.address(), sender.known() ? sender.department() : "refused",
                replyId == null ? "no reply" : "answered " + replyId);
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
            // As with the parsers: a reader's defect is said to be the hub's, and logged for an operator.
            log.warn("The mail reader failed on {}; the sender is told it could not be read", key, defect);
            return List.of(new MailReplies.PartResult("邮件 mail", intake.refuse(whole, "the mail could not be read:"
                    + " the hub's mail reader failed on it; an operator can see why in the hub's log").outcomes()));
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
            IngestReport report = part.problem() != null ? intake.refuse(input, part.problem()) : intake.take(input);
            results.add(new MailReplies.PartResult(part.label(), report.outcomes()));
        }
        return results;
    }

    /**
     * When the mailbox got it (IMAP INTERNALDATE, set by the server, the same at every poll). Not the Date header:
     * the sender writes that.
     */
    private static Instant arrival(MimeMessage mail) throws MessagingException {
        java.util.Date date = mail.getReceivedDate();
        return date == null ? null : date.toInstant();
    }

    /** The Message-ID, or for a mail without one its hash: what makes a mail read twice the same mail. */
    private static String key(MimeMessage mail, RawMail raw) throws MessagingException {
        String id = mail.getMessageID();
        return id == null || id.isBlank() || id.length() > 250 ? "sha256:" + raw.sha256()
                : id.replaceAll("[\\r\\n\\t]", "").strip();
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
