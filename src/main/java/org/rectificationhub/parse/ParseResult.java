package org.rectificationhub.parse;

import org.rectificationhub.canonical.CanonicalDocument;

import java.util.List;

/**
 * The documents an input yields, or why it yields none. An input with errors is refused whole: a ledger with one
 * unreadable row is sent back to be fixed rather than recorded in part.
 *
 * @param documents the canonical documents (may be present with errors, for the parse command to show)
 * @param errors    readable reasons: where (line, row, entry) and what was wrong
 */
public record ParseResult(List<CanonicalDocument> documents, List<String> errors) {

    public ParseResult {
        documents = List.copyOf(documents);
        errors = List.copyOf(errors);
    }

    public static ParseResult failed(String reason) {
        return new ParseResult(List.of(), List.of(reason));
    }

    public boolean ok() {
        return errors.isEmpty() && !documents.isEmpty();
    }
}
