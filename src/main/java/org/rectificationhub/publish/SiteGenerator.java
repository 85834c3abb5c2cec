package org.rectificationhub.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.DataDir;
import org.rectificationhub.HubProperties;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.RoundRegistration;
import org.rectificationhub.ledger.Checkpoint;
import org.rectificationhub.ledger.Checkpoints;
import org.rectificationhub.ledger.LedgerQueries;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes the public site under $HUB_DATA_DIR/site/ from the ledger's current state: per round the notice
 * (index.html, notice.txt, notice.docx, round.json, feed.xml) and each problem's history; the index of rounds, the
 * site feed, rounds.json, checkpoints.json and site.css. Regenerating is idempotent: the same state gives the same
 * files.
 */
@Component
class SiteGenerator {

    static final String BASE = "/public/";

    private final LedgerQueries queries;
    private final Checkpoints checkpoints;
    private final Path site;

    SiteGenerator(LedgerQueries queries, Checkpoints checkpoints, HubProperties properties) {
        this.queries = queries;
        this.checkpoints = checkpoints;
        this.site = properties.dataDir().toAbsolutePath().normalize().resolve("site");
    }

    Path site() {
        return site;
    }

    /** The rounds named, then everything shared by all rounds (index, site feed, checkpoints). */
    synchronized void regenerate(Collection<String> roundIds) {
        List<Checkpoint> signed = checkpoints.stored();
        for (String roundId : roundIds) {
            if (RoundRegistration.isSafeRoundId(roundId)) {
                PublicRound.read(queries, roundId).ifPresent(r -> writeRound(r, signed));
            }
        }
        writeShared(signed);
    }

    synchronized void regenerateAll() {
        regenerate(queries.rounds().stream().map(r -> String.valueOf(r.get("roundId"))).toList());
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
        write(dir.resolve("round.json"), CanonicalJson.write(json));
        String footer = SitePages.footer(signed, checkpoints.publicKey(), "../../../");
        for (JsonNode problem : round.problems()) {
            int no = problem.path("problemNo").asInt();
            write(dir.resolve("problems").resolve(no + ".html"),
                    SitePages.history(round, problem, round.history().getOrDefault(no, List.of()), footer));
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
            PublicRound.read(queries, String.valueOf(r.get("roundId"))).ifPresent(rounds::add);
        }
        write(site.resolve("index.html"), SitePages.index(rounds, SitePages.footer(signed, checkpoints.publicKey(), "")));
        write(site.resolve("feed.xml"), Feeds.site(rounds, BASE));
        write(site.resolve("rounds.json"), CanonicalJson.write(rounds.stream().map(PublicRound::round).toList()));
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
