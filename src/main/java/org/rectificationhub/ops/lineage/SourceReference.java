package org.rectificationhub.ops.lineage;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What ledger_entry.source says, taken apart per channel. The channels write it (the intake adds the input's
 * SHA-256): Kafka "topic-partition@offset" (ingest/kafka/InboundRecord), mail "Message-ID part n (label)"
 * (ingest/mail/MailIntake), file "department/name" relative to inbox/ (ingest/file/InboxFiles). Entries written
 * before the hash was added have none; a source of another shape is kept as it is, in {@code raw}.
 *
 * @param raw       the column as stored
 * @param sha256    of the input the entry was read from (a file, a record's value, a mail part)
 * @param file      the file's name in its department's inbox folder
 * @param messageId the mail's Message-ID, or sha256:… for a mail without one
 * @param part      which part of the mail, from 1, and its {@code label} (正文 body or the attachment's name)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceReference(String raw, String sha256, String topic, Integer partition, Long offset,
                              String messageId, Integer part, String label, String folder, String file) {

    private static final Pattern HASH = Pattern.compile("^(.*) sha256:([0-9a-f]{64})$", Pattern.DOTALL);
    private static final Pattern KAFKA = Pattern.compile("^(.+)-(\\d+)@(\\d+)$");
    private static final Pattern MAIL = Pattern.compile("^(.+?) part (\\d+) \\((.*)\\)$", Pattern.DOTALL);
    private static final Pattern FILE = Pattern.compile("^([^/]+)/([^/]+)$");

    public static SourceReference of(String channel, String raw) {
        if (raw == null) {
            return new SourceReference(null, null, null, null, null, null, null, null, null, null);
        }
        String reference = raw;
        String sha256 = null;
        Matcher hashed = HASH.matcher(raw);
        if (hashed.matches()) {
            reference = hashed.group(1);
            sha256 = hashed.group(2);
        }
        Matcher m;
        if ("kafka".equals(channel) && (m = KAFKA.matcher(reference)).matches()) {
            return new SourceReference(raw, sha256, m.group(1), Integer.valueOf(m.group(2)), Long.valueOf(m.group(3)),
                    null, null, null, null, null);
        }
        if ("mail".equals(channel)) {
            m = MAIL.matcher(reference);
            return m.matches() ? new SourceReference(raw, sha256, null, null, null, m.group(1),
                    Integer.valueOf(m.group(2)), m.group(3), null, null)
                    : new SourceReference(raw, sha256, null, null, null, reference, null, null, null, null);
        }
        if ("file".equals(channel) && (m = FILE.matcher(reference)).matches()) {
            return new SourceReference(raw, sha256, null, null, null, null, null, null, m.group(1), m.group(2));
        }
        return new SourceReference(raw, sha256, null, null, null, null, null, null, null, null);
    }
}
