package org.rectificationhub.ingest.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A mail as the server holds it: its bytes up to one past the limit (so an oversized mail is refused without being
 * held whole), its true size and the SHA-256 of all of it.
 */
record RawMail(byte[] bytes, long size, String sha256) {

    static RawMail of(Message mail, long limit) throws MessagingException, IOException {
        Bounded out = new Bounded(limit + 1);
        mail.writeTo(out);
        return new RawMail(out.kept.toByteArray(), out.size, HexFormat.of().formatHex(out.digest.digest()));
    }

    boolean over(long limit) {
        return size > limit;
    }

    /** Hashes and counts everything, keeps the first {@code capacity} bytes. */
    private static final class Bounded extends OutputStream {
        final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        final MessageDigest digest;
        final long capacity;
        long size;

        Bounded(long capacity) {
            this.capacity = Math.min(capacity, Integer.MAX_VALUE - 8);
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every JVM", e);
            }
        }

        @Override
        public void write(int b) {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            digest.update(b, off, len);
            size += len;
            int room = (int) Math.max(0, capacity - kept.size());
            kept.write(b, off, Math.min(room, len));
        }
    }
}
