package org.rectificationhub.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.DataDir;
import org.rectificationhub.HubProperties;
import org.rectificationhub.OutputText;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.RoundRegistration;
import org.rectificationhub.Retries;
import org.rectificationhub.ledger.Checkpoint;
import org.rectificationhub.ledger.Checkpoints;
import org.rectificationhub.ledger.LedgerQueries;
import org.rectificationhub.ledger.RoundReports;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
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
 * (index.html, notice.txt, notice.docx, round.json, feed.xml) and each problem's history; the index of rounds, the
 * site feed, rounds.json, checkpoints.json and site.css. Regenerating is idempotent: the same state gives the same
 * files.
 */
@Component
class SiteGenerator {

    static final String BASE = "/public/";

    /** What a problem's page was last written from: while these stay equal, so does the page. */
    private record PageInputs(JsonNode problem, int entries, String footer) {
    }

    private final LedgerQueries queries;
    private final Checkpoints checkpoints;
    private final Path site;
    private final RoundReports histories;
    /** Each round as last written, without its history: what the index, the site feed and rounds.json show. */
    private final Map<String, PublicRound> written = new HashMap<>();
    private final Map<Path, PageInputs> pages = new HashMap<>();

    SiteGenerator(LedgerQueries queries, Checkpoints checkpoints, HubProperties properties,
                  @Value("${hub.site.history-cache:50000}") int historyCache) {
        this.queries = queries;
        this.checkpoints = checkpoints;
        this.site = properties.dataDir().toAbsolutePath().normalize().resolve("site");
        this.histories = new RoundReports(queries, null, PublicRound::historyItem, historyCache);
    }

    Path site() {
        return site;
    }

    /**
     * The rounds named, then everything shared by all rounds (index, site feed, checkpoints). A round's reports are
     * read since its last regeneration only (RoundReports), and only the pages of problems whose state or history
     * changed are written again: the cost follows what changed, not the round's size. A round that fails to render
     * is left as it was, and the others are written: returns the ones that failed, with why.
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
        pages.clear();
        return regenerate(queries.rounds().stream().map(r -> String.valueOf(r.get("roundId"))).toList());
    }

    private Optional<PublicRound> read(String roundId) {
        Optional<PublicRound> round = PublicRound.read(queries, roundId,
                () -> PublicRound.newestFirst(histories.of(roundId)));
        round.ifPresent(r -> written.put(roundId, new PublicRound(roundId, r.round(), Map.of(), r.updated())));
        return round;
    }

    private void writeRound(PublicRound round, List<Checkpoint> signed) {
        Path dir = site.resolve("rounds").resolve(round.roundId());
        write(dir.resolve("index.html"), NoticePage.render(round, SitePages.footer(signed, checkpoints.publicKey(), "../../")));
        write(dir.resolve("notice.txt"), NoticeText.render(round));
        write(dir.resolve("notice.docx"), NoticeDocx.render(round));
        write(dir.resolve("feed.xml"), Feeds.round(round, BASE));
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.setAll((ObjectNode) round.round());
        json.set("computedTotals", CanonicalJson.mapper().valueToTree(totals(round)));
        json.set("history", CanonicalJson.mapper().valueToTree(round.history()));
        write(dir.resolve("round.json"), OutputText.neutralise(CanonicalJson.write(json)));
        String footer = SitePages.footer(signed, checkpoints.publicKey(), "../../../");
        Set<Path> shown = new HashSet<>();
        for (JsonNode problem : round.problems()) {
            int no = problem.path("problemNo").asInt();
            List<JsonNode> history = round.history().getOrDefault(no, List.of());
            Path page = dir.resolve("problems").resolve(no + ".html");
            shown.add(page);
            PageInputs inputs = new PageInputs(problem, history.size(), footer);
            if (!inputs.equals(pages.get(page))) {
                write(page, SitePages.history(round, problem, history, footer));
                pages.put(page, inputs);
            }
        }
        removeAllBut(dir.resolve("problems"), shown);
    }

    /**
     * A problem placed under an exemption after its page was published: its page goes, with everything else in the
     * folder the round does not publish now.
     */
    private void removeAllBut(Path folder, Set<Path> shown) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.html")) {
            for (Path file : files) {
                if (!shown.contains(file)) {
                    Files.deleteIfExists(file);
                    pages.remove(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + folder, e);
        }
    }

    private static Map<String, Object> totals(PublicRound round) {
        NoticeWords.Totals t = NoticeWords.Totals.of(round.problems());
        return Map.of("problems", t.problems(), "completed", t.completed(), "basicallyCompleted",
                t.basicallyCompleted(), "inProgress", t.inProgress(), "notCompleted", t.notCompleted(),
                "completionRate", t.completionRate());
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
        write(site.resolve("index.html"), SitePages.index(rounds, SitePages.footer(signed, checkpoints.publicKey(), "")));
        write(site.resolve("feed.xml"), Feeds.site(rounds, BASE));
        write(site.resolve("rounds.json"), OutputText.neutralise(CanonicalJson.write(rounds.stream()
                .map(PublicRound::round).toList())));
        Map<String, Object> published = Map.of("publicKey", checkpoints.publicKey(), "algorithm", "Ed25519",
                "checkpoints", signed.stream().map(Checkpoint::published).toList());
        write(site.resolve("checkpoints.json"), CanonicalJson.write(published));
        write(site.resolve("site.css"), stylesheet());
    }

    private static String stylesheet() {
        try (InputStream in = SiteGenerator.class.getResourceAsStream("site.css")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Through DataDir (folders 0700, files 0600): the hub itself serves them; a copy elsewhere is the operator's.
     * Each file is replaced at once, as visitors may read it while it is regenerated.
     */
    private void write(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private void write(Path file, byte[] bytes) {
        Path normal = file.normalize();
        if (!normal.startsWith(site)) {
            throw new IllegalArgumentException("not under the site folder: " + file);
        }
        DataDir.replacePrivate(normal, bytes);
    }
}
