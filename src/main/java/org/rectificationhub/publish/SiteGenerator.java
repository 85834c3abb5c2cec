package org.rectificationhub.publish;

import com.fasterxml.jackson.databind.JsonNode;
import org.rectificationhub.HubProperties;
import org.rectificationhub.OutputText;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.RoundRegistration;
import org.rectificationhub.Retries;
import org.rectificationhub.ledger.Checkpoint;
import org.rectificationhub.ledger.Checkpoints;
import org.rectificationhub.ledger.LedgerQueries;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the public site under $HUB_DATA_DIR/site/ from the ledger's current state: per round the notice
 * (index.html, notice.txt, notice.docx, round.json, feed.xml) and each problem's history pages; the index of rounds,
 * the site feed, rounds.json, checkpoints.json and site.css. Regenerating is idempotent: the same state gives the same
 * files. A round's reports are never held whole: each problem's history is read a page of rows at a time and written
 * a page at a time (ProblemHistories), and round.json is written as it is made (RoundJson); what is held at once is
 * the round's current state (what its notice shows) and one problem's newest history page.
 */
@Component
class SiteGenerator {

    static final String BASE = "/public/";

    private final LedgerQueries queries;
    private final Checkpoints checkpoints;
    private final SiteFiles files;
    private final ProblemHistories histories;
    /** Each round as last written, without its history: what the index, the site feed and rounds.json show. */
    private final Map<String, PublicRound> written = new HashMap<>();

    SiteGenerator(LedgerQueries queries, Checkpoints checkpoints, HubProperties properties) {
        this.queries = queries;
        this.checkpoints = checkpoints;
        this.files = new SiteFiles(properties.dataDir().toAbsolutePath().normalize().resolve("site"));
        this.histories = new ProblemHistories(queries, files);
    }

    Path site() {
        return files.site();
    }

    /**
     * The rounds named, then everything shared by all rounds (index, site feed, checkpoints). Only the history pages
     * that changed are written again, and a problem's archived pages are not read again: the cost follows what
     * changed and each problem's newest page, not the round's history. A round that fails to render is left as it
     * was, and the others are written: returns the ones that failed, with why.
     */
    synchronized Map<String, String> regenerate(Collection<String> roundIds) {
        List<Checkpoint> signed = checkpoints.stored();
        Map<String, String> failed = new LinkedHashMap<>();
        for (String roundId : roundIds) {
            if (RoundRegistration.isSafeRoundId(roundId)) {
                try {
                    read(roundId).ifPresent(r -> writeRound(r, signed));
                } catch (RuntimeException e) {
                    failed.put(roundId, Retries.error(e));
                }
            }
        }
        writeShared(signed);
        return failed;
    }

    /** Every round from the ledger alone, every file written: at start, and whatever was kept is forgotten. */
    synchronized Map<String, String> regenerateAll() {
        histories.clear();
        written.clear();
        return regenerate(queries.rounds().stream().map(r -> String.valueOf(r.get("roundId"))).toList());
    }

    private Optional<PublicRound> read(String roundId) {
        Optional<PublicRound> round = PublicRound.read(queries, roundId, Map::of);
        round.ifPresent(r -> written.put(roundId, r));
        return round;
    }

    private void writeRound(PublicRound round, List<Checkpoint> signed) {
        Path dir = files.site().resolve("rounds").resolve(round.roundId());
        files.write(dir.resolve("index.html"), NoticePage.render(round, SitePages.footer(signed,
                checkpoints.publicKey(), "../../")));
        files.write(dir.resolve("notice.txt"), NoticeText.render(round));
        files.write(dir.resolve("notice.docx"), NoticeDocx.render(round));
        String footer = SitePages.footer(signed, checkpoints.publicKey(), "../../../");
        Path problems = dir.resolve("problems");
        Set<Path> shown = new HashSet<>();
        Map<Integer, JsonNode> newest = new HashMap<>();
        files.write(dir.resolve("round.json"), out -> RoundJson.write(out, round, problem -> {
            List<JsonNode> page = histories.write(round, problem, problems, footer, shown);
            if (!page.isEmpty()) {
                newest.put(problem.path("problemNo").asInt(), page.get(0));
            }
            return page;
        }));
        files.write(dir.resolve("feed.xml"), Feeds.round(round, newest, BASE));
        files.removeAllBut(problems, shown, histories::forget);
    }

    private void writeShared(List<Checkpoint> signed) {
        List<PublicRound> rounds = new ArrayList<>();
        for (Map<String, Object> r : queries.rounds()) {
            String roundId = String.valueOf(r.get("roundId"));
            PublicRound known = written.get(roundId);
            if (known != null) {
                rounds.add(known);
            } else if (RoundRegistration.isSafeRoundId(roundId)) {
                read(roundId).ifPresent(rounds::add);
            }
        }
        Path site = files.site();
        files.write(site.resolve("index.html"), SitePages.index(rounds, SitePages.footer(signed,
                checkpoints.publicKey(), "")));
        files.write(site.resolve("feed.xml"), Feeds.site(rounds, BASE));
        files.write(site.resolve("rounds.json"), OutputText.neutralise(CanonicalJson.write(rounds.stream()
                .map(PublicRound::round).toList())));
        Map<String, Object> published = Map.of("publicKey", checkpoints.publicKey(), "algorithm", "Ed25519",
                "checkpoints", signed.stream().map(Checkpoint::published).toList());
        files.write(site.resolve("checkpoints.json"), CanonicalJson.write(published));
        files.write(site.resolve("site.css"), SiteFiles.stylesheet());
    }
}
