package org.rectificationhub.commission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.DataDir;
import org.rectificationhub.HubProperties;
import org.rectificationhub.OutputText;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.RoundRegistration;
import org.rectificationhub.ledger.LedgerQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
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

/**
 * The daily digest: once a day is over (in the commission's zone), at the next tick, every round's state as JSON
 * and as the office's Excel ledger under $HUB_DATA_DIR/commission/&lt;that day&gt;/. A day on which the ledger held
 * nothing yet gets none. Written into a hidden folder and then renamed, so a day's folder is whole or absent, and a
 * digest cut short by a crash, or missed while the hub was down at midnight, is written at the next tick.
 */
@Component
class Digests {

    private static final Logger log = LoggerFactory.getLogger(Digests.class);

    private final LedgerQueries queries;
    private final JdbcTemplate jdbc;
    private final CommissionSettings settings;
    private final Clock clock;
    private final Path root;

    Digests(LedgerQueries queries, JdbcTemplate jdbc, CommissionSettings settings, Clock clock, HubProperties hub) {
        this.queries = queries;
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
        this.root = hub.dataDir().toAbsolutePath().normalize().resolve("commission");
    }

    /** Yesterday's digest, unless it has been written or the ledger was empty then; the folder written, or empty. */
    Optional<Path> writeIfDue() {
        LocalDate today = LocalDate.now(clock.withZone(settings.zone()));
        LocalDate day = today.minusDays(1);
        Path folder = root.resolve(day.toString());
        if (Files.exists(folder) || jdbc.queryForObject("select count(*) from ledger_entry where received_at < ?",
                Long.class, today.atStartOfDay(settings.zone()).toOffsetDateTime()) == 0) {
            return Optional.empty();
        }
        Path partial = root.resolve("." + day + ".partial");
        for (Map<String, Object> round : queries.rounds()) {
            String roundId = String.valueOf(round.get("roundId"));
            if (!RoundRegistration.isSafeRoundId(roundId)) {
                continue;
            }
            RoundSnapshot.state(queries, roundId).ifPresent(state -> {
                ObjectNode digest = CanonicalJson.mapper().createObjectNode();
                digest.put("roundId", roundId).put("date", day.toString()).put("takenAt", clock.instant().toString());
                digest.setAll(state);
                DataDir.writePrivate(partial.resolve(roundId + ".json"),
                        OutputText.neutralise(CanonicalJson.write(digest)));
                DataDir.replacePrivate(partial.resolve(roundId + ".xlsx"), LedgerWorkbook.write(digest));
            });
        }
        try {
            DataDir.createDirectories(partial);
            Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot complete the digest " + folder, e);
        }
        log.info("Commission digest of {} written to {}", day, folder);
        return Optional.of(folder);
    }
}
