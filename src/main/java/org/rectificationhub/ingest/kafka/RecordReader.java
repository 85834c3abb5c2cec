package org.rectificationhub.ingest.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import org.rectificationhub.HubProperties;
import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ingest.Candidate;
import org.rectificationhub.ingest.DocumentCutter;
import org.rectificationhub.ingest.InputRejectedException;
import org.rectificationhub.ingest.SchemaValidation;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a record into documents: unwrap a CloudEvent, apply the department's mapping, cut into documents (the
 * file channel's cutter), check each against its schema (the same schemas and loader). Never throws for bad input.
 */
@Component
class RecordReader {

    private final DepartmentMappings mappings;
    private final SchemaValidation validation;
    private final DocumentCutter cutter;
    private final SecurityEvents security;

    RecordReader(DepartmentMappings mappings, SchemaValidation validation, SecurityEvents security,
                 HubProperties properties) {
        this.mappings = mappings;
        this.validation = validation;
        this.security = security;
        this.cutter = new DocumentCutter(properties.limits().maxDocumentsPerInput(),
                properties.limits().maxInputSize().toBytes());
    }

    List<DocumentReading> read(InboundRecord record, String sender) {
        List<Candidate> candidates;
        try {
            byte[] payload = CloudEvents.data(record.value(), record.headers());
            candidates = cutter.cut(mappings.toCanonical(sender, payload));
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
