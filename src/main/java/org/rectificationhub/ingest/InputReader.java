package org.rectificationhub.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import org.rectificationhub.HubProperties;
import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.SchemaValidator;
import org.rectificationhub.department.Department;
import org.rectificationhub.department.Departments;
import org.rectificationhub.parse.ParseContext;
import org.rectificationhub.parse.ParseLimits;
import org.rectificationhub.parse.ParseResult;
import org.rectificationhub.parse.Parsers;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an input into documents, each validated once: unwrap a CloudEvent, apply the department's mapping, cut
 * canonical JSON as sent or parse a notice or ledger (then resolve its round), check every document against its
 * schema. Never throws for the input's own faults; the hub's own (a failing ledger query, a department's mapping that does not compile, a parser's defect)
 * propagate, to be retried and parked ({@link IsolatedIntake}).
 */
@Component
class InputReader {

    private final DepartmentMappings mappings;
    private final Departments departments;
    private final DocumentCutter cutter;
    private final ParseLimits limits;
    private final long maxBytes;
    private final RoundResolver rounds;

    InputReader(HubProperties properties, DepartmentMappings mappings, Departments departments, RoundResolver rounds) {
        HubProperties.Limits limits = properties.limits();
        this.mappings = mappings;
        this.departments = departments;
        this.rounds = rounds;
        this.maxBytes = limits.maxInputSize().toBytes();
        this.cutter = new DocumentCutter(limits.maxDocumentsPerInput());
        this.limits = new ParseLimits(maxBytes, limits.maxLedgerRows(), limits.maxTextChars(),
                ParseLimits.DEFAULTS.maxUnzipped(), limits.maxLedgerCells());
    }

    List<Reading> read(Input input) {
        if (input.size() > maxBytes) {
            return rejected("the input has " + input.size() + " bytes; the limit is " + maxBytes
                    + " bytes per input; split it or send the ledger in parts");
        }
        if (input.bytes().length == 0) {
            return rejected("empty input: it has no bytes; expected a canonical JSON document, a notice or a ledger");
        }
        byte[] payload;
        try {
            payload = mappings.toCanonical(input.sender(), CloudEvents.data(input.bytes(), input.headers()));
        } catch (InputRejectedException e) {
            return rejected(e.getMessage());
        }
        // Mapped or unwrapped, the documents are no longer a part of the bytes as sent: the input is their reference.
        boolean asSent = payload == input.bytes();
        String name = input.fileName() == null ? "input" : input.fileName();
        List<Candidate> candidates = Parsers.isCanonicalJson(payload, name) ? cutter.cut(payload)
                : parse(payload, name, input);
        List<Reading> readings = new ArrayList<>(candidates.size());
        for (Candidate candidate : candidates) {
            readings.add(check(candidate, asSent));
        }
        return readings;
    }

    private List<Candidate> parse(byte[] payload, String name, Input input) {
        String round = departments.find(input.sender()).map(Department::round).orElse(null);
        // A file's mtime or a record's timestamp is the sender's to set: never later than now, or a future date
        // would give its ledger a sequence that outranks every report made after it.
        Instant now = Instant.now();
        Instant at = input.receivedAt() == null || input.receivedAt().isAfter(now) ? now : input.receivedAt();
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        ParseContext ctx = new ParseContext(input.sender(), round, input.declaredCharset(), limits, clock);
        Parsers.Reading reading = Parsers.read(payload, name, ctx);
        ParseResult result = reading.draft() == null ? ParseResult.failed(reading.failure())
                : rounds.resolve(reading.draft(), ctx);
        if (!result.ok()) {
            String reasons = result.errors().isEmpty() ? name + ": no documents found"
                    : String.join("; ", result.errors());
            // A nameless input (a Kafka record) was most likely meant as JSON: say so before the parsers' view.
            return List.of(Candidate.unreadable(input.fileName() != null && Parsers.isDocumentName(name) ? reasons
                    : "not JSON: expected canonical JSON, a CloudEvent or the department's mapped shape; read as a"
                    + " notice or ledger instead, it gave: " + reasons));
        }
        List<Candidate> candidates = new ArrayList<>();
        for (CanonicalDocument document : result.documents()) {
            candidates.add(Candidate.of(candidates.size() + 1, CanonicalJson.mapper().valueToTree(document)));
        }
        return candidates;
    }

    private static Reading check(Candidate candidate, boolean asSent) {
        byte[] own = asSent ? candidate.bytes() : null;
        if (candidate.problem() != null) {
            return Reading.rejected(candidate.index(), null, candidate.problem(), own);
        }
        SchemaValidator.Checked checked = SchemaValidator.check(candidate.node());
        return checked.valid() ? Reading.valid(candidate.index(), checked.document(), own)
                : Reading.rejected(candidate.index(), updateIdOf(candidate.node()), checked.problem(), own);
    }

    private static String updateIdOf(JsonNode node) {
        JsonNode id = node.path("updateId");
        return id.isTextual() ? id.asText() : null;
    }

    private static List<Reading> rejected(String reason) {
        return List.of(Reading.rejected(1, null, reason, null));
    }
}
