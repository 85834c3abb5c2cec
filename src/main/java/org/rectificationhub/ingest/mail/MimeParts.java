package org.rectificationhub.ingest.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import org.rectificationhub.parse.TextDecoding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The parts of a mail that the hub reads, each an input of its own: text bodies (plain; HTML reduced to text; of
 * an alternative, the plain one) and attachments of the kinds offices send. What is not read becomes a refused part
 * with its reason, so one bad attachment never holds back the rest. Limits: parts per mail, nesting, bytes per part.
 */
final class MimeParts {

    static final Set<String> READ = Set.of("json", "csv", "xlsx", "docx", "txt");
    /** A body this short beside attachments is a covering note (请查收), not a notice. */
    static final int COVERING_NOTE = 80;

    private final MailSettings settings;
    private final List<MailPart> parts = new ArrayList<>();
    private final List<MailPart> bodies = new ArrayList<>();
    private int seen;

    private MimeParts(MailSettings settings) {
        this.settings = settings;
    }

    static List<MailPart> of(Part mail, MailSettings settings) throws MessagingException, IOException {
        MimeParts reader = new MimeParts(settings);
        reader.walk(mail, 0);
        boolean attachments = !reader.parts.isEmpty();
        for (MailPart body : reader.bodies) {
            if (!attachments || body.problem() != null || text(body).strip().length() >= COVERING_NOTE) {
                reader.parts.add(0, body);
            }
        }
        return reader.parts;
    }

    private void walk(Part part, int depth) throws MessagingException, IOException {
        if (++seen > settings.maxParts()) {
            if (seen == settings.maxParts() + 1) {
                parts.add(MailPart.refused("part " + seen, null, new byte[0], "the mail has more than "
                        + settings.maxParts() + " parts; the rest were not read: send fewer attachments per mail"));
            }
            return;
        }
        if (depth > settings.maxDepth()) {
            parts.add(MailPart.refused("part " + seen, null, new byte[0], "parts nested more than "
                    + settings.maxDepth() + " deep were not read"));
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            List<BodyPart> children = new ArrayList<>();
            for (int i = 0; i < multipart.getCount(); i++) {
                children.add(multipart.getBodyPart(i));
            }
            boolean alternative = part.isMimeType("multipart/alternative")
                    && children.stream().anyMatch(MimeParts::isPlain);
            for (BodyPart child : children) {
                if (!(alternative && child.isMimeType("text/html"))) {
                    walk(child, depth + 1);
                }
            }
        } else if (part.isMimeType("message/rfc822")) {
            walk((Part) part.getContent(), depth + 1);
        } else {
            leaf(part);
        }
    }

    private void leaf(Part part) throws MessagingException, IOException {
        String name = fileName(part);
        boolean attachment = name != null || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
        if (!attachment && (isPlain(part) || part.isMimeType("text/html"))) {
            bodies.add(body(part));
            return;
        }
        if (!attachment) {
            return; // an inline image or signature: not a report
        }
        String label = name == null ? "attachment " + seen : name;
        String extension = extension(name);
        byte[] bytes = bounded(part);
        if (bytes.length > settings.maxAttachmentSize().toBytes()) {
            parts.add(MailPart.refused(label, null, new byte[0], "the attachment is larger than the limit of "
                    + settings.maxAttachmentSize().toBytes() + " bytes; send the ledger in parts"));
        } else if (!READ.contains(extension)) {
            parts.add(MailPart.refused(label, null, bytes, "attachments of this kind are not read; expected .json,"
                    + " .csv, .xlsx, .docx or .txt"));
        } else {
            parts.add(new MailPart(label, label, bytes, charset(part), null)); // a name that is never a path
        }
    }

    private MailPart body(Part part) throws MessagingException, IOException {
        byte[] bytes = bounded(part);
        if (bytes.length > settings.maxAttachmentSize().toBytes()) {
            return MailPart.refused("正文 body", null, new byte[0], "the mail's text is larger than the limit of "
                    + settings.maxAttachmentSize().toBytes() + " bytes");
        }
        String charset = charset(part);
        if (part.isMimeType("text/html")) {
            String html = TextDecoding.decode(bytes, charset).text();
            return new MailPart("正文 body", "body.txt", HtmlText.of(html).getBytes(StandardCharsets.UTF_8), "UTF-8",
                    null);
        }
        return new MailPart("正文 body", "body.txt", bytes, charset, null);
    }

    private static String text(MailPart body) {
        return TextDecoding.decode(body.bytes(), body.declaredCharset()).text();
    }

    private static boolean isPlain(Part part) {
        try {
            return part.isMimeType("text/plain") && part.getFileName() == null;
        } catch (MessagingException e) {
            return false;
        }
    }

    /** The part's bytes after its transfer encoding, at most one byte past the limit (enough to refuse it). */
    private byte[] bounded(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxAttachmentSize().toBytes() + 1));
        }
    }

    private static String charset(Part part) {
        try {
            return new ContentType(part.getContentType()).getParameter("charset");
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    /** The attachment's name (RFC 2047 and 2231 decoded), its last path segment only, controls removed. */
    static String fileName(Part part) throws MessagingException {
        String raw;
        try {
            raw = part.getFileName();
        } catch (MessagingException e) {
            return "attachment";
        }
        if (raw == null) {
            return null;
        }
        String name;
        try {
            name = MimeUtility.decodeText(raw);
        } catch (UnsupportedEncodingException e) {
            name = raw;
        }
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .replaceAll("[\\p{Cntrl}\\u202A-\\u202E\\u2066-\\u2069]", "").strip();
        return name.isEmpty() ? "attachment" : name.length() > 120 ? name.substring(0, 120) : name;
    }

    private static String extension(String name) {
        int dot = name == null ? -1 : name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
