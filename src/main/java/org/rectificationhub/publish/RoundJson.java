package org.rectificationhub.publish;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.rectificationhub.OutputText;
import org.rectificationhub.canonical.CanonicalJson;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.function.Function;

/**
 * A round's round.json, written as it is made: its public document, the totals the ledger gives, and each published
 * problem's history as its newest history page shows it (the whole history up to HistoryPage.ENTRIES reports), one
 * problem at a time. The same text as the canonical JSON of the whole object, so a reader cannot tell how it was made.
 */
final class RoundJson {

    private RoundJson() {
    }

    /**
     * @param history each published problem's newest page of reports, newest first, asked for once per problem in
     *                the round's order (the caller writes the problem's pages meanwhile)
     */
    static void write(OutputStream out, PublicRound round, Function<JsonNode, List<JsonNode>> history)
            throws IOException {
        ObjectMapper mapper = CanonicalJson.mapper();
        // neutralised as it is written, like every output (OutputText)
        try (JsonGenerator json = mapper.getFactory().createGenerator(
                OutputText.neutralising(new OutputStreamWriter(out, StandardCharsets.UTF_8)))) {
            json.writeStartObject();
            for (Entry<String, JsonNode> field : round.round().properties()) {
                json.writeFieldName(field.getKey());
                mapper.writeTree(json, field.getValue());
            }
            json.writeFieldName("computedTotals");
            mapper.writeTree(json, mapper.valueToTree(totals(round)));
            json.writeObjectFieldStart("history");
            for (JsonNode problem : round.problems()) {
                json.writeArrayFieldStart(String.valueOf(problem.path("problemNo").asInt()));
                for (JsonNode item : history.apply(problem)) {
                    mapper.writeTree(json, item);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    private static Map<String, Object> totals(PublicRound round) {
        NoticeWords.Totals t = NoticeWords.Totals.of(round.problems());
        return Map.of("problems", t.problems(), "completed", t.completed(), "basicallyCompleted",
                t.basicallyCompleted(), "inProgress", t.inProgress(), "notCompleted", t.notCompleted(),
                "completionRate", t.completionRate());
    }
}
