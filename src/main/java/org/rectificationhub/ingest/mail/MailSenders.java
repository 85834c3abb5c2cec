package org.rectificationhub.ingest.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.rectificationhub.department.Department;
import org.rectificationhub.department.Departments;
import org.rectificationhub.ingest.Reasons;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who sent a mail, as far as the hub can tell: the From address must be one a department lists (standalone: its
 * id @localhost). A From address can be forged; where a trusted receiving server is configured, its
 * Authentication-Results header decides (DMARC fail: forged), and such headers from anyone else are ignored.
 */
@Component
class MailSenders {

    /** The verdict on a mail's sender. */
    record Sender(String address, String department, String refusal) {
        boolean known() {
            return department != null && refusal == null;
        }
    }

    /** RFC 5321's longest path; no server delivers to a longer one, and the hub keeps none (mail_message). */
    private static final int MAX_ADDRESS = 254;
    private static final Pattern DMARC = Pattern.compile("(?i)\\bdmarc\\s*=\\s*([a-z]+)");

    private final Map<String, String> byAddress = new LinkedHashMap<>();
    private final String trustedAuthservId;

    MailSenders(MailSettings settings, Departments departments) {
        // <department>@domain only where a domain is set, or on the embedded server (localhost): in production an
        // unlisted department's mail must not be accepted from whoever writes such an address in From.
        String domain = !settings.senderDomain().isBlank() ? settings.senderDomain()
                : settings.embedded() ? "localhost" : null;
        for (Department department : departments.all()) {
            List<String> listed = settings.senders().get(department.id());
            List<String> addresses = listed != null && !listed.isEmpty() ? listed
                    : domain == null ? List.of() : List.of(department.id() + "@" + domain);
            addresses.forEach(a -> byAddress.put(a.strip().toLowerCase(Locale.ROOT), department.id()));
        }
        this.trustedAuthservId = settings.trustedAuthservId().strip();
    }

    Sender of(Message mail) throws MessagingException {
        String[] header = mail.getHeader("From");
        InternetAddress address = header == null || header.length != 1 ? null : single(header[0]);
        if (address == null) {
            return new Sender(null, null, "the mail must have exactly one From address, an ordinary one (not a group,"
                    + " not a source route), and its From header " + (header == null || header.length == 0
                    ? "is missing" : Reasons.quote(header[0]) + " is not that"));
        }
        String email = address.getAddress().strip().toLowerCase(Locale.ROOT);
        String department = byAddress.get(email);
        if (department == null) {
            return new Sender(email, null, "the sender " + email + " is not an address any department may send"
                    + " from; the hub reads mail only from the addresses configured for each department");
        }
        Optional<String> dmarc = dmarc(mail);
        if (dmarc.isPresent() && !dmarc.get().equals("pass") && !dmarc.get().equals("none")) {
            return new Sender(email, department, "the receiving server " + trustedAuthservId + " found the sender "
                    + email + " forged (dmarc=" + dmarc.get() + "); nothing was read");
        }
        return new Sender(email, department, null);
    }

    /**
     * The department whose address a From header names (no verdict on forgery), or null: how the console tells
     * whose mail waits unseen, and how a poll gives each department its turn.
     */
    String departmentOf(String fromHeader) {
        InternetAddress address = fromHeader == null ? null : single(fromHeader);
        return address == null ? null : byAddress.get(address.getAddress().strip().toLowerCase(Locale.ROOT));
    }

    /**
     * The one address of a From header, or null: none, several, a group ({@code grp: a@b, c@d;}), a source route
     * ({@code <@host:a@b>}) or anything else no strict reading accepts. Read from the header itself, never from the
     * IMAP server's envelope, which some servers write wrongly for such a From (and one bad envelope then fails the
     * whole fetch).
     */
    private static InternetAddress single(String fromHeader) {
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(fromHeader, true);
            if (parsed.length != 1 || parsed[0].isGroup() || parsed[0].getAddress() == null) {
                return null;
            }
            parsed[0].validate();
            String address = parsed[0].getAddress();
            return address.startsWith("@") || address.length() > MAX_ADDRESS ? null : parsed[0];
        } catch (AddressException unreadable) {
            return null;
        }
    }

    /** The DMARC result of the trusted server's own Authentication-Results header, if one is configured. */
    private Optional<String> dmarc(Message mail) throws MessagingException {
        String[] results = mail.getHeader("Authentication-Results");
        if (trustedAuthservId.isEmpty() || results == null) {
            return Optional.empty();
        }
        for (String header : results) {
            String unfolded = header.replaceAll("\\s+", " ").strip();
            String authserv = unfolded.split("[;\\s]", 2)[0];
            if (authserv.equalsIgnoreCase(trustedAuthservId)) {
                Matcher m = DMARC.matcher(unfolded);
                return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Auto-replies, bounces and list mail: never answered, so two robots cannot answer each other forever. */
    static boolean isAutomatic(Message mail) throws MessagingException {
        String auto = first(mail, "Auto-Submitted");
        String precedence = first(mail, "Precedence");
        String returnPath = first(mail, "Return-Path");
        String from = first(mail, "From");
        String sender = from == null ? "" : from.toLowerCase(Locale.ROOT);
        return auto != null && !auto.strip().equalsIgnoreCase("no")
                || precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|junk|list")
                || returnPath != null && returnPath.strip().equals("<>")
                || sender.contains("mailer-daemon") || sender.contains("postmaster@")
                || mail.isMimeType("multipart/report") || first(mail, "X-Autoreply") != null
                || first(mail, "List-Id") != null;
    }

    private static String first(Message mail, String header) throws MessagingException {
        String[] values = mail.getHeader(header);
        return values == null || values.length == 0 ? null : values[0];
    }
}
