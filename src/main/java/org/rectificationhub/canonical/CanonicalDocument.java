package org.rectificationhub.canonical;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.OffsetDateTime;

/**
 * A document in the canonical schema (schemas/*.v1.schema.json). Every channel and parser produces these;
 * the ledger only ever commits these.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "kind", visible = true)
@JsonSubTypes({
        @JsonSubTypes.Type(value = RoundRegistration.class, name = RoundRegistration.KIND),
        @JsonSubTypes.Type(value = ProgressUpdate.class, name = ProgressUpdate.KIND)
})
public sealed interface CanonicalDocument permits RoundRegistration, ProgressUpdate {

    String SCHEMA_VERSION = "1";

    String schemaVersion();

    String kind();

    String updateId();

    String department();

    long sequence();

    OffsetDateTime reportedAt();

    /** The round this document belongs to. */
    String roundId();
}
