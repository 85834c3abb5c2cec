package org.rectificationhub.ledger;

import java.time.Instant;
import java.util.Map;

/**
 * A quarantined document with the input it came in, as stored: what a replay reads again.
 *
 * @param documentIndex   which document of the input, from 1
 * @param input           the stored input: the whole of it, or its first bytes when it was larger than the hub reads
 * @param inputSize       the input's true size
 * @param fileName        the name it came under, or null (a nameless record, or stored before names were kept)
 * @param declaredCharset the charset its channel declared, or null
 * @param headers         the channel headers kept with it (bounded)
 * @param arrivedAt       when it arrived as the channel keeps it, else when it was quarantined
 */
public record QuarantinedDocument(long id, String channel, String department, String source, int documentIndex,
                                  byte[] input, long inputSize, String inputSha256, String fileName,
                                  String declaredCharset, Map<String, String> headers, Instant arrivedAt) {

    /** False when only the first bytes were kept: such an input cannot be read again as it was. */
    public boolean complete() {
        return input.length >= inputSize;
    }
}
