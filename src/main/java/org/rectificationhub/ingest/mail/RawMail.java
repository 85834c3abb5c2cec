package org.rectificationhub.ingest.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A mail as the server holds it: its bytes up to one past the limit (so an oversized mail is refused without being
 * held whole), its true size, the SHA-256 of all of it and the SHA-256 of its content: the body and the headers its
 * author wrote. Servers on the way add their own (Received, Return-Path, Delivered-To), so the same mail delivered
 * twice differs in its bytes but not in its content; with the Message-ID the content tells one mail from another.
 */
record RawMail(byte[] bytes, long size, String sha256, String content) {

    /** The headers a mail's author (their client) writes; every other one may differ between two deliveries. */
    private static final List<String> AUTHORS = List.of("From", "Sender", "Reply-To", "To", "Cc", "Subject", "Date",
            "Message-ID", "In-Reply-To", "References", "MIME-Version", "Content-Type", "Content-Transfer-Encoding");

    static RawMail of(Message mail, long limit) throws MessagingException, IOException {
        Bounded out = new Bounded(limit + 1);
        mail.writeTo(out);
        byte[] kept = out.kept.toByteArray();
        String whole = HexFormat.of().formatHex(out.digest.digest());
        return new RawMail(kept, out.size, whole, content(kept, out));
    }

    boolean over(long limit) {
        return size > limit;
    }

    private static String content(byte[] kept, Bounded out) {
        if (out.bodyStart < 0) {
            return HexFormat.of().formatHex(newDigest().digest(kept)); // no body: all of it is its header
        }
        MessageDigest content = newDigest();
        int header = (int) Math.min(kept.length, out.bodyStart);
        try {
            InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(kept, 0, header));
            for (String name : AUTHORS) {
                String value = headers.getHeader(name, "\n");
                content.update((name + ": " + (value == null ? "" : value.replaceAll("\\r?\\n[ \\t]*", " ")) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        } catch (MessagingException | RuntimeException unreadable) {
            content.update(kept, 0, header); // a header block no parser reads: taken as it is
        }
        content.update(out.body.digest());
        return HexFormat.of().formatHex(content.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Hashes and counts everything, hashes the body apart from the header, keeps the first {@code capacity} bytes. */
    private static final class Bounded extends OutputStream {
        final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        final MessageDigest digest = newDigest();
        final MessageDigest body = newDigest();
        final long capacity;
        long size;
        /** Where the body starts (after the first empty line), or -1 while the header goes on. */
        long bodyStart = -1;
        /** The last four bytes of the header seen. */
        private int last;

        Bounded(long capacity) {
            this.capacity = Math.min(capacity, Integer.MAX_VALUE - 8);
        }

        @Override
        public void write(int b) {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            digest.update(b, off, len);
            int header = 0;
            while (bodyStart < 0 && header < len) {
                last = last << 8 | b[off + header++] & 0xff;
                if (last == 0x0d0a0d0a || (last & 0xffff) == 0x0a0a) { // the empty line that ends the header
                    bodyStart = size + header;
                }
            }
            body.update(b, off + header, len - header);
            size += len;
            int room = (int) Math.max(0, capacity - kept.size());
            kept.write(b, off, Math.min(room, len));
        }
    }
}
