package org.rectificationhub.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Headers;
import org.apache.camel.component.jsonvalidator.JsonValidationException;
import org.rectificationhub.HubProperties;
import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.SchemaCatalog;
import org.rectificationhub.ledger.CommitResult;
import org.rectificationhub.ledger.Ledger;
import org.rectificationhub.ledger.Quarantine;
import org.rectificationhub.ledger.Submission;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The steps every channel's route shares (routes/ingest.camel.yaml): cut an input into documents, check each
 * against its schema, commit it, quarantine what fails. Channels set the exchange properties named here.
 */
@Component("ingestSteps")
public class IngestSteps {

    /** Exchange properties a channel sets before calling direct:ingest. */
    public static final String SENDER = "hubSender";
    public static final String CHANNEL = "hubChannel";
    public static final String SOURCE = "hubSource";
    public static final String ORIGINAL = "hubOriginal";

    static final String DOCUMENT_INDEX = "hubDocumentIndex";
    static final String UPDATE_ID = "hubUpdateId";
    static final String SCHEMA = "hubSchema";

    private final Ledger ledger;
    private final Quarantine quarantine;
    private final IngestMetrics metrics;
    private final InputDocuments inputs;
    private final long maxBytes;

    IngestSteps(Ledger ledger, Quarantine quarantine, IngestMetrics metrics, HubProperties properties,
                InputDocuments inputs) {
        this.ledger = ledger;
        this.quarantine = quarantine;
        this.metrics = metrics;
        this.maxBytes = properties.limits().maxInputSize().toBytes();
        this.inputs = inputs;
    }

    /** Reads at most one byte past the limit, so an oversized input is refused without being held whole. */
    public byte[] readLimited(InputStream body) throws IOException {
        try (InputStream in = body) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
    }

    /** Canonical JSON as sent; notices and ledgers through the parsers, as the sender's department. */
    public List<Candidate> documents(@ExchangeProperty(ORIGINAL) byte[] original, @ExchangeProperty(SOURCE) String source,
                                     @ExchangeProperty(SENDER) String sender) {
        return inputs.of(original, source, sender);
    }

    /** Makes a candidate the message body for schema validation; refuses what has no schema. */
    public String open(Candidate candidate, @Headers Map<String, Object> headers) {
        headers.put(DOCUMENT_INDEX, candidate.index());
        if (candidate.problem() != null) {
            throw new InputRejectedException(candidate.problem());
        }
        JsonNode node;
        try {
            node = CanonicalJson.readTree(candidate.json());
        } catch (JsonProcessingException e) {
            throw new InputRejectedException("not valid JSON: " + e.getOriginalMessage());
        }
        headers.put(UPDATE_ID, node.path("updateId").isTextual() ? node.get("updateId").asText() : null);
        headers.put(SCHEMA, schemaPathOf(node));
        return candidate.json();
    }

    /** Commits a schema-valid document; a ledger rule's refusal becomes a rejection for quarantine. */
    public IngestOutcome commit(String json, @ExchangeProperty(SENDER) String sender,
                                @ExchangeProperty(CHANNEL) String channel, @ExchangeProperty(SOURCE) String source,
                                @Header(DOCUMENT_INDEX) int index) {
        CanonicalDocument document;
        try {
            document = toCanonical(CanonicalJson.readTree(json));
        } catch (JsonProcessingException e) {
            throw new InputRejectedException("not valid JSON: " + e.getOriginalMessage());
        }
        CommitResult result = ledger.commit(new Submission(document, sender, channel, source));
        if (result.outcome() == CommitResult.Outcome.REJECTED) {
            throw new InputRejectedException(result.reason());
        }
        IngestOutcome outcome = IngestOutcome.of(index, document.updateId(), result);
        metrics.count(channel, sender, outcome.status());
        return outcome;
    }

    /** The one place failures end: quarantine with the original bytes and a readable reason. */
    public IngestOutcome quarantine(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure,
                                    @ExchangeProperty(SENDER) String sender, @ExchangeProperty(CHANNEL) String channel,
                                    @ExchangeProperty(SOURCE) String source, @ExchangeProperty(ORIGINAL) byte[] original,
                                    @Header(DOCUMENT_INDEX) Integer index, @Header(UPDATE_ID) String updateId,
                                    @Header(SCHEMA) String schema) {
        String reason = reason(failure, schema);
        long id = quarantine.record(new Quarantine.Item(channel, sender, source, index, updateId, reason, original));
        metrics.count(channel, sender, "rejected");
        return IngestOutcome.rejected(index == null ? 1 : index, updateId, reason, id);
    }

    /** The classpath schema a document names by kind and schemaVersion; refuses a document that names none. */
    public static String schemaPathOf(JsonNode node) {
        String kind = node.path("kind").asText("");
        String version = node.path("schemaVersion").asText("");
        return SchemaCatalog.schemaPath(kind, version).orElseThrow(() -> new InputRejectedException(
                "$.kind/$.schemaVersion: '" + kind + "' version '" + version + "' has no schema; expected kind "
                        + SchemaCatalog.KINDS + " with schemaVersion \"" + CanonicalDocument.SCHEMA_VERSION + "\""));
    }

    /** A schema-valid document as the canonical model. */
    public static CanonicalDocument toCanonical(JsonNode node) {
        try {
            return CanonicalJson.toDocument(node);
        } catch (JsonProcessingException e) {
            throw new InputRejectedException("the document matches its schema but not the canonical model: "
                    + e.getOriginalMessage());
        }
    }

    /** The one wording of a schema mismatch, whichever channel validated. */
    public static String mismatch(String schema, Collection<?> errors) {
        List<String> sorted = errors.stream().map(Object::toString).sorted().toList();
        return "does not match " + schema + ": " + String.join("; ", sorted);
    }

    static String reason(Exception failure, String schema) {
        if (failure instanceof JsonValidationException invalid) {
            return mismatch(schema, invalid.getErrors());
        }
        if (failure instanceof InputRejectedException) {
            return failure.getMessage();
        }
        return "internal error while processing (" + failure.getClass().getSimpleName() + ": " + failure.getMessage()
                + "); the original is kept in quarantine for an operator";
    }
}
