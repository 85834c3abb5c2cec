package org.rectificationhub.commission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.DataDir;
import org.rectificationhub.HubProperties;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ledger.LedgerQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The daily digest: at the first tick of each day (in the commission's zone), every round's state as JSON and as
 * the office's Excel ledger under $HUB_DATA_DIR/commission/&lt;date&gt;/. Written into a hidden folder and then renamed,
 * so a day's folder is either whole or absent, and a digest cut short by a crash is written again.
 */
@Component
class Digests {

    private static final Logger log = LoggerFactory.getLogger(Digests.class);
    /** Round ids as the schema allows them; nothing else becomes a file name. */
    private static final Pattern ROUND_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$");

    private final LedgerQueries queries;
    private final CommissionSettings settings;
    private final Clock clock;
    private final Path root;

    Digests(LedgerQueries queries, CommissionSettings settings, Clock clock, HubProperties hub) {
        this.queries = queries;
        this.settings = settings;
        this.clock = clock;
        this.root = hub.dataDir().toAbsolutePath().normalize().resolve("commission");
    }

    /** Today's digest, unless it has been written; the folder written, or empty. */
    Optional<Path> writeIfDue() {
        LocalDate today = LocalDate.now(clock.withZone(settings.zone()));
        Path folder = root.resolve(today.toString());
        if (Files.exists(folder)) {
            return Optional.empty();
        }
        Path partial = root.resolve("." + today + ".partial");
        for (Map<String, Object> round : queries.rounds()) {
            String roundId = String.valueOf(round.get("roundId"));
            if (!ROUND_ID.matcher(roundId).matches() || roundId.contains("..")) {
                continue;
            }
            RoundSnapshot.state(queries, roundId).ifPresent(state -> {
                ObjectNode digest = CanonicalJson.mapper().createObjectNode();
                digest.put("roundId", roundId).put("date", today.toString()).put("takenAt", clock.instant().toString());
                digest.setAll(state);
                DataDir.writePrivate(partial.resolve(roundId + ".json"), CanonicalJson.write(digest));
                DataDir.writePrivate(partial.resolve(roundId + ".xlsx"), LedgerWorkbook.write(digest));
            });
        }
        try {
            DataDir.createDirectories(partial);
            Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot complete the digest " + folder, e);
        }
        log.info("Commission digest of {} written to {}", today, folder);
        return Optional.of(folder);
    }
}
