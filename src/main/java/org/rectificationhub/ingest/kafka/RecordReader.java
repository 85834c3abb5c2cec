package org.rectificationhub.ingest.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ingest.Candidate;
import org.rectificationhub.ingest.InputDocuments;
import org.rectificationhub.ingest.InputRejectedException;
import org.rectificationhub.ingest.SchemaValidation;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a record into documents: unwrap a CloudEvent, apply the department's mapping, read it into documents as
 * the file channel does (canonical JSON, or a notice or ledger through the parsers), check each against its
 * schema (the same schemas and loader). Never throws for bad input.
 */
@Component
class RecordReader {

    private final DepartmentMappings mappings;
    private final SchemaValidation validation;
    private final InputDocuments inputs;
    private final SecurityEvents security;

    RecordReader(DepartmentMappings mappings, SchemaValidation validation, SecurityEvents security,
                 InputDocuments inputs) {
        this.mappings = mappings;
        this.validation = validation;
        this.security = security;
        this.inputs = inputs;
    }

    List<DocumentReading> read(InboundRecord record, String sender) {
        List<Candidate> candidates;
        try {
            byte[] payload = CloudEvents.data(record.value(), record.headers());
            // The file channel's reading: canonical JSON as sent, a notice or ledger through the parsers.
            candidates = inputs.of(mappings.toCanonical(sender, payload), record.source(), sender);
        } catch (InputRejectedException | IllegalArgumentException e) {
            return List.of(DocumentReading.rejected(record, 1, null, e.getMessage()));
        }
        List<DocumentReading> readings = new ArrayList<>(candidates.size());
        for (Candidate candidate : candidates) {
            readings.add(read(record, sender, candidate));
        }
        return readings;
    }

    private DocumentReading read(InboundRecord record, String sender, Candidate candidate) {
        if (candidate.problem() != null) {
            return DocumentReading.rejected(record, candidate.index(), null, candidate.problem());
        }
        try {
            CanonicalDocument document = validation.check(candidate.json());
            if (sender != null && !sender.equals(document.department())) {
                security.departmentMismatch(sender, document.department(), record.source());
            }
            return DocumentReading.valid(record, candidate.index(), document);
        } catch (InputRejectedException e) {
            return DocumentReading.rejected(record, candidate.index(), updateIdOf(candidate.json()), e.getMessage());
        }
    }

    private static String updateIdOf(String json) {
        try {
            JsonNode id = CanonicalJson.readTree(json).path("updateId");
            return id.isTextual() ? id.asText() : null;
        } catch (Exception e) {
            return null;
        }
    }
}
