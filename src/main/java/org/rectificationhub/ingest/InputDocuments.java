package org.rectificationhub.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import org.rectificationhub.HubProperties;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.RoundRegistration.Round;
import org.rectificationhub.department.Department;
import org.rectificationhub.department.Departments;
import org.rectificationhub.ledger.LedgerQueries;
import org.rectificationhub.parse.ParseContext;
import org.rectificationhub.parse.ParseLimits;
import org.rectificationhub.parse.ParseResult;
import org.rectificationhub.parse.Parsers;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns an input into candidate documents by what it is: canonical JSON is cut as sent; notices and ledgers
 * (.txt, .docx, .xlsx, .csv, told by content) go through the parsers, and each document they yield becomes a
 * candidate in canonical JSON, so schema validation and the ledger treat it like any other.
 */
@Component
public class InputDocuments {

    private final DocumentCutter cutter;
    private final Departments departments;
    private final LedgerQueries queries;
    private final ParseLimits limits;

    InputDocuments(HubProperties properties, Departments departments, LedgerQueries queries) {
        long maxBytes = properties.limits().maxInputSize().toBytes();
        this.cutter = new DocumentCutter(properties.limits().maxDocumentsPerInput(), maxBytes);
        this.departments = departments;
        this.queries = queries;
        this.limits = new ParseLimits(maxBytes, properties.limits().maxLedgerRows(),
                properties.limits().maxTextChars(), ParseLimits.DEFAULTS.maxUnzipped());
    }

    /** @param source a file name, or any name of the input (the parsers tell the kind by content) */
    public List<Candidate> of(byte[] input, String source, String sender) {
        String fileName = source == null ? "input" : source;
        if (input == null || input.length == 0 || Parsers.isCanonicalJson(input, fileName)) {
            return cutter.cut(input);
        }
        String round = departments.find(sender).map(Department::round).orElse(null);
        ParseResult result = Parsers.parse(input, fileName,
                new ParseContext(sender, round, null, new RegisteredRounds(queries), limits, Clock.systemUTC()));
        if (!result.ok()) {
            String reasons = result.errors().isEmpty() ? fileName + ": no documents found"
                    : String.join("; ", result.errors());
            // A nameless input (a Kafka record) was most likely meant as JSON: say so before the parsers' view.
            return List.of(Candidate.unreadable(Parsers.isDocumentName(fileName) ? reasons
                    : "not JSON: expected canonical JSON, a CloudEvent or the department's mapped shape; read as a"
                    + " notice or ledger instead, it gave: " + reasons));
        }
        List<Candidate> candidates = new ArrayList<>();
        result.documents().forEach(doc -> candidates.add(Candidate.of(candidates.size() + 1, CanonicalJson.write(doc))));
        return candidates;
    }

    /** The rounds the ledger holds, so a ledger file can amend a registered round it names only by id or title. */
    private record RegisteredRounds(LedgerQueries queries) implements ParseContext.RoundLookup {

        @Override
        public Optional<Round> byId(String roundId) {
            return queries.registeredRound(roundId).map(RegisteredRounds::toRound);
        }

        @Override
        public Optional<Round> byTeamAndOrg(String inspectionTeam, String inspectedOrg) {
            return queries.registeredRounds(inspectionTeam, inspectedOrg).stream().findFirst()
                    .map(RegisteredRounds::toRound);
        }

        @Override
        public Optional<Round> byIdentity(String inspectionTeam, String inspectedOrg, LocalDate feedbackDate) {
            return queries.registeredRounds(inspectionTeam, inspectedOrg).stream()
                    .filter(round -> String.valueOf(feedbackDate).equals(round.path("feedbackDate").asText(null)))
                    .findFirst().map(RegisteredRounds::toRound);
        }

        private static Round toRound(JsonNode node) {
            try {
                return CanonicalJson.mapper().treeToValue(node, Round.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("the registered round is unreadable", e);
            }
        }
    }
}
