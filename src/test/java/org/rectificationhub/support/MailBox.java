package org.rectificationhub.support;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

/**
 * A mail client for the tests, against the hub's own standalone mail server: sends mails written out byte for byte
 * (charset labels, transfer encodings and headers exactly as an office's client would write them) and reads a
 * mailbox over IMAP.
 */
public final class MailBox {

    private final int smtp;
    private final int imap;

    public MailBox(int smtp, int imap) {
        this.smtp = smtp;
        this.imap = imap;
    }

    /** The hub's mail channel switched on, its embedded server on this mail box's ports. */
    public void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("hub.mail.enabled", () -> "true");
        registry.add("hub.mail.smtp-port", () -> smtp);
        registry.add("hub.mail.imap-port", () -> imap);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends the mail byte for byte as written: nothing of it is parsed or rewritten (no new Message-ID, no MIME
     * headers), and the envelope's sender is a fixed one, so a mail with a From or a MIME structure no parser
     * accepts is delivered as it is, as a careless or hostile client would.
     */
    public void send(String raw) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(smtp));
        p.put("mail.smtp.from", "sender@localhost");
        Session session = Session.getInstance(p);
        MimeMessage message = new MimeMessage(session,
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, new InternetAddress[]{new InternetAddress("hub@localhost")});
        }
    }

    /** How many mails the address's inbox holds: one command, where {@link #inbox} reads each mail. */
    public int count(String address) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", imap, address, "any");
        try {
            Folder inbox = store.getFolder("INBOX");
            return inbox.exists() ? inbox.getMessageCount() : 0;
        } finally {
            store.close();
        }
    }

    /** The mails in an address's inbox, with whether each is seen. */
    public List<Message> inbox(String address) throws Exception {
        Properties p = new Properties();
        p.put("mail.imap.peek", "true");
        Store store = Session.getInstance(p).getStore("imap");
        store.connect("127.0.0.1", imap, address, "any");
        try {
            Folder inbox = store.getFolder("INBOX");
            if (!inbox.exists()) {
                return List.of();
            }
            inbox.open(Folder.READ_ONLY);
            List<Message> mails = new ArrayList<>();
            for (Message m : inbox.getMessages()) {
                // From its bytes, not the server's envelope, which GreenMail writes unreadably for a group From.
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                m.writeTo(bytes);
                MimeMessage copy = new MimeMessage(Session.getInstance(new Properties()),
                        new ByteArrayInputStream(bytes.toByteArray()));
                copy.setFlag(Flags.Flag.SEEN, m.isSet(Flags.Flag.SEEN));
                mails.add(copy);
            }
            inbox.close(false);
            return mails;
        } finally {
            store.close();
        }
    }

    /** The hub's reply to the mail of this id in the address's inbox, or null while there is none. */
    public Message replyTo(String address, String id) throws Exception {
        return inbox(address).stream().filter(m -> inReplyTo(m, id)).findFirst().orElse(null);
    }

    /** True for the hub's reply to the mail sent with this id ({@link #head}). */
    public static boolean inReplyTo(Message m, String id) {
        try {
            String[] to = m.getHeader("In-Reply-To");
            return to != null && to[0].equals("<" + id + "@office.example>");
        } catch (Exception e) {
            return false;
        }
    }

    /** A mail with a text body in the given charset, labelled as given, base64-encoded. */
    public static String textMail(String id, String from, String subject, String text, Charset charset,
                                  String label) {
        return head(id, from, subject) + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=" + label
                + "\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64(text.getBytes(charset)) + "\r\n";
    }

    /** A mail with a short covering note and attachments: name → bytes. */
    public static String attachmentsMail(String id, String from, String subject,
                                         List<Attachment> attachments) {
        String boundary = "=_boundary_" + id.hashCode();
        StringBuilder raw = new StringBuilder(head(id, from, subject)).append("MIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n")
                .append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=UTF-8\r\n")
                .append("Content-Transfer-Encoding: base64\r\n\r\n")
                .append(base64("请查收附件中的整改台账。".getBytes(StandardCharsets.UTF_8))).append("\r\n");
        for (Attachment a : attachments) {
            raw.append("--").append(boundary).append("\r\nContent-Type: application/octet-stream\r\n")
                    .append("Content-Disposition: attachment; filename*=UTF-8''").append(a.encodedName())
                    .append("\r\nContent-Transfer-Encoding: base64\r\n\r\n").append(base64(a.bytes())).append("\r\n");
        }
        return raw.append("--").append(boundary).append("--\r\n").toString();
    }

    public record Attachment(String name, byte[] bytes) {
        String encodedName() {
            return java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    public static String head(String id, String from, String subject) {
        return "Message-ID: <" + id + "@office.example>\r\nFrom: " + from + "\r\nTo: hub@localhost\r\n"
                + "Subject: =?UTF-8?B?" + base64(subject.getBytes(StandardCharsets.UTF_8)) + "?=\r\n"
                + "Date: Sat, 28 Nov 2026 10:00:00 +0800\r\n";
    }

    private static String base64(byte[] bytes) {
        return Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes);
    }
}
