package org.rectificationhub.ingest;

import org.rectificationhub.canonical.CanonicalJson;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * One input as a channel hands it to the intake: what arrived, who sent it as far as the channel proves, and what
 * the channel knows about it.
 *
 * @param channel         file, kafka, mail, …
 * @param sender          the department the channel's identity proves (inbox folder, topic, mail account)
 * @param source          where it came from within the channel: a file name, topic-partition@offset, a Message-ID
 * @param bytes           the input, or only its first bytes when it is larger than the hub reads
 * @param size            the input's true size in bytes
 * @param sha256          the SHA-256 of the whole input, even when only a prefix was read
 * @param fileName        the name it came under (tells notices from ledgers), or null for a nameless record
 * @param declaredCharset the charset the channel declares (a mail part), or null to detect
 * @param headers         channel headers (Kafka record headers): CloudEvents binary mode reads them
 * @param receivedAt      when the input arrived as the channel keeps it for good (a file's modification time, a
 *                        record's timestamp, a mail's arrival), or null for now: a notice or ledger without a date
 *                        of its own is read as of this moment, so one read again after a crash gives the same
 *                        documents (a duplicate), not new ones reusing their updateIds; a time later than now
 *                        (a sender's clock, a forged mtime) is read as now
 */
public record Input(String channel, String sender, String source, byte[] bytes, long size, String sha256,
                    String fileName, String declaredCharset, Map<String, String> headers, Instant receivedAt) {

    public Input {
        bytes = bytes == null ? new byte[0] : bytes;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** An input held whole in memory (a Kafka record, a mail part). */
    public static Input of(String channel, String sender, String source, byte[] bytes, String fileName,
                           Map<String, String> headers) {
        byte[] whole = bytes == null ? new byte[0] : bytes;
        return new Input(channel, sender, source, whole, whole.length, CanonicalJson.sha256(whole), fileName, null,
                headers, null);
    }

    /** The same input, arrived at the given moment. */
    public Input at(Instant arrived) {
        return new Input(channel, sender, source, bytes, size, sha256, fileName, declaredCharset, headers, arrived);
    }

    /**
     * Reads a stream: at most {@code limit + 1} bytes are kept, so an oversized input is refused without being held
     * whole, while the rest is still read for its true size and hash.
     */
    public static Input read(String channel, String sender, String source, InputStream stream, long limit,
                             String fileName) throws IOException {
        MessageDigest digest = newDigest();
        try (DigestInputStream in = new DigestInputStream(stream, digest)) {
            byte[] kept = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            long size = kept.length;
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                size += n;
            }
            return new Input(channel, sender, source, kept, size, HexFormat.of().formatHex(digest.digest()),
                    fileName, null, Map.of(), null);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
