package org.rectificationhub.ingest;

import java.util.List;

/** An input an operator had taken again from quarantine, and what became of its documents: its sender is told. */
public record Retaken(Input input, List<IngestOutcome> outcomes) {
}
