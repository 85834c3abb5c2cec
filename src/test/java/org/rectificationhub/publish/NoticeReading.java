package org.rectificationhub.publish;

import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.RoundRegistration;
import org.rectificationhub.parse.ParseContext;
import org.rectificationhub.parse.ParseResult;
import org.rectificationhub.parse.Parsers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample notice, and the one way these tests read a notice: as the hub reads what the office sends. */
final class NoticeReading {

    static final String OFFICE = "rectification-office";

    private NoticeReading() {
    }

    static byte[] sample() {
        try (InputStream in = NoticeReading.class.getClassLoader()
                .getResourceAsStream("samples/notices/guancheng-2025.txt")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The round a notice registers, read without errors. */
    static RoundRegistration parsed(byte[] bytes, String fileName) {
        ParseResult result = Parsers.parse(bytes, fileName, ParseContext.of(OFFICE, null));
        assertThat(result.errors()).as("errors reading %s", fileName).isEmpty();
        return (RoundRegistration) result.documents().get(0);
    }

    /** The public view of a registered round, as the site makes it from the ledger's state. */
    static PublicRound shown(RoundRegistration round) {
        return PublicRound.of(round.roundId(), CanonicalJson.mapper().valueToTree(round), Map.of(), null);
    }
}
