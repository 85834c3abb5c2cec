package org.rectificationhub.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.ledger.LedgerQueries;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each problem's public history pages (HistoryPage), read from the ledger a page of rows at a time: what is held at
 * once is one page of rows and one page of reports, whatever the problem's history. The archived pages of a problem
 * are read and written once; a later regeneration reads only the reports after them, so its cost follows the newest
 * page. Archived pages keep the footer they were written with (a checkpoint then signed stays true) and show no
 * status, so nothing but the problem's heading (its number, title, category, organisation) makes them written again.
 */
final class ProblemHistories {

    /** A problem's archived pages: the heading they show, and the last report on them. */
    private record Archived(JsonNode heading, long throughEntryId, int pages) {
    }

    /** What a problem's newest page was last written from: while these stay equal, so does the page. */
    private record PageInputs(JsonNode problem, int archived, long lastEntryId, int entries, String footer) {
    }

    private final LedgerQueries queries;
    private final SiteFiles files;
    private final Map<Path, Archived> archives = new HashMap<>();
    private final Map<Path, PageInputs> pages = new HashMap<>();

    ProblemHistories(LedgerQueries queries, SiteFiles files) {
        this.queries = queries;
        this.files = files;
    }

    /**
     * Writes what changed of the problem's history pages under {@code folder}, adds every page it has to
     * {@code shown}, and returns the reports of its newest page, newest first.
     */
    List<JsonNode> write(PublicRound round, JsonNode problem, Path folder, String footer, Set<Path> shown) {
        int no = problem.path("problemNo").asInt();
        Path newest = folder.resolve(HistoryPage.newest(no, 0).file());
        JsonNode heading = heading(round, problem);
        Archived known = archives.get(newest);
        Archived[] archived = {known != null && known.heading().equals(heading) ? known : new Archived(heading, 0, 0)};
        List<JsonNode> run = new ArrayList<>(HistoryPage.ENTRIES);
        long[] last = {archived[0].throughEntryId()};
        queries.problemProgressAfter(round.roundId(), no, archived[0].throughEntryId(), row -> {
            for (JsonNode item : PublicRound.historyItem(row)) {
                if (run.size() == HistoryPage.ENTRIES) {
                    int number = archived[0].pages() + 1;
                    write(round, heading, run, new HistoryPage(no, number, number), folder, footer);
                    archived[0] = new Archived(heading, last[0], number);
                    run.clear();
                }
                run.add(item);
                last[0] = ((Number) row.get("entryId")).longValue();
            }
        });
        archives.put(newest, archived[0]);
        for (int page = 1; page <= archived[0].pages(); page++) {
            shown.add(folder.resolve(new HistoryPage(no, page, archived[0].pages()).file()));
        }
        shown.add(newest);
        Collections.reverse(run);
        PageInputs inputs = new PageInputs(problem, archived[0].pages(), last[0], run.size(), footer);
        if (!inputs.equals(pages.get(newest))) {
            write(round, problem, run, HistoryPage.newest(no, archived[0].pages()), folder, footer);
            pages.put(newest, inputs);
        }
        return run;
    }

    /** A page removed from the site: written anew if it comes back. */
    void forget(Path page) {
        pages.remove(page);
        archives.remove(page);
    }

    /** Everything forgotten: every page is read and written anew. */
    void clear() {
        pages.clear();
        archives.clear();
    }

    /** {@code entries} oldest first for an archived page (a run of the ledger's order), newest first otherwise. */
    private void write(PublicRound round, JsonNode problem, List<JsonNode> entries, HistoryPage page, Path folder,
                       String footer) {
        List<JsonNode> shown = entries;
        if (page.number() != 0) {
            shown = new ArrayList<>(entries);
            Collections.reverse(shown);
        }
        files.write(folder.resolve(page.file()), SitePages.history(round, problem, shown, page, footer));
    }

    /** What an archived page shows of the problem: all but its status and progress, which change. */
    private static JsonNode heading(PublicRound round, JsonNode problem) {
        ObjectNode heading = JsonNodeFactory.instance.objectNode();
        heading.set("problemNo", problem.path("problemNo"));
        heading.set("title", problem.path("title"));
        heading.set("category", problem.path("category"));
        heading.set("inspectedOrg", round.facts().path("inspectedOrg"));
        return heading;
    }
}
