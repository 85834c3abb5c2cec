package org.rectificationhub.publish;

import org.rectificationhub.ledger.LedgerQueries;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * A round's problems the public may see, as the ledger holds them now: what a test expects a public page to show,
 * counted here from the ledger rather than from the page generator's own code.
 */
record LedgerProblems(List<Map<String, Object>> rows) {

    static LedgerProblems of(LedgerQueries queries, String roundId) {
        return new LedgerProblems(queries.problems(roundId).orElseThrow().stream()
                .filter(p -> p.get("exemption") == null).toList());
    }

    /** The notice's headline totals by row id (total-problems, …): completed and closed count as completed. */
    Map<String, String> totals() {
        long completed = count("completed", "closed");
        String percent = rows.isEmpty() ? "0" : BigDecimal.valueOf(completed * 100).divide(
                BigDecimal.valueOf(rows.size()), 2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return Map.of("problems", String.valueOf(rows.size()), "completed", String.valueOf(completed),
                "basically-completed", String.valueOf(count("basically-completed")),
                "in-progress", String.valueOf(count("in-progress", "ongoing", "extension-requested")),
                "not-completed", String.valueOf(count("not-started")), "completion-rate", percent + "%");
    }

    List<String> categoryTitles() {
        return rows.stream().map(LedgerProblems::categoryTitle).distinct().toList();
    }

    String status(int problemNo) {
        return rows.stream().filter(p -> p.get("problemNo").equals(problemNo)).map(p -> (String) p.get("status"))
                .findFirst().orElseThrow();
    }

    private long count(String... statuses) {
        return rows.stream().filter(p -> List.of(statuses).contains(p.get("status"))).count();
    }

    @SuppressWarnings("unchecked")
    static String categoryTitle(Map<String, Object> problem) {
        return (String) ((Map<String, Object>) problem.get("category")).get("title");
    }
}
