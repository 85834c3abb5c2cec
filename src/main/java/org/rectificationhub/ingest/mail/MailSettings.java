package org.rectificationhub.ingest.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The mail channel's settings (prefix {@code hub.mail}). With no IMAP host configured the hub runs its own mail
 * server (GreenMail on 127.0.0.1) and reads the mailbox {@code address} there.
 *
 * @param enabled            false: no mail server, no mail route (tests of other channels)
 * @param imapHost           production IMAP server; blank: the embedded one
 * @param imapProtocol       imaps in production; imap for the embedded server and local tests
 * @param smtpStarttls       replies use STARTTLS (production)
 * @param address            the hub's own mailbox; replies come from it
 * @param senders            per department, the addresses allowed to send for it
 * @param senderDomain       a department not listed in {@code senders} may send as &lt;department&gt;@this domain;
 *                           blank: localhost on the embedded server, none in production
 * @param trustedAuthservId  the receiving server whose Authentication-Results header is believed (DMARC); blank: none
 * @param maxMailSize        a larger mail is refused whole
 * @param maxAttachmentSize  a larger part is refused, the others are read
 * @param maxParts           parts read from one mail
 * @param maxDepth           nesting of multiparts
 * @param noticesPerHour     fixed notices to unknown or forged senders, at most this many an hour in all
 * @param replySmtpPort      where replies are sent, if not to {@code smtpPort} (0): the embedded server listens on
 *                           {@code smtpPort}, while its replies may go through another server
 * @param replyRetry         the first wait before a reply the server refused for now is tried again; it doubles,
 *                           up to an hour
 * @param replyAttempts      a reply still refused after this many attempts is kept failed, for operators to see
 */
@ConfigurationProperties("hub.mail")
record MailSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("") String imapHost,
        @DefaultValue("3143") int imapPort,
        @DefaultValue("imap") String imapProtocol,
        @DefaultValue("") String smtpHost,
        @DefaultValue("3025") int smtpPort,
        @DefaultValue("false") boolean smtpStarttls,
        @DefaultValue("hub@localhost") String address,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @DefaultValue Map<String, List<String>> senders,
        @DefaultValue("") String senderDomain,
        @DefaultValue("") String trustedAuthservId,
        @DefaultValue("10MB") DataSize maxMailSize,
        @DefaultValue("5MB") DataSize maxAttachmentSize,
        @DefaultValue("50") int maxParts,
        @DefaultValue("8") int maxDepth,
        @DefaultValue("20") int noticesPerHour,
        @DefaultValue("0") int replySmtpPort,
        @DefaultValue("1m") Duration replyRetry,
        @DefaultValue("8") int replyAttempts) {

    boolean embedded() {
        return imapHost.isBlank();
    }

    String imapServer() {
        return embedded() ? "127.0.0.1" : imapHost;
    }

    String smtpServer() {
        return smtpHost.isBlank() ? (embedded() ? "127.0.0.1" : imapHost) : smtpHost;
    }

    int replyPort() {
        return replySmtpPort > 0 ? replySmtpPort : smtpPort;
    }

    /** The IMAP login: the configured user, else the mailbox address (the embedded server's convention). */
    String login() {
        return username.isBlank() ? address : username;
    }
}
