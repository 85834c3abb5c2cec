package org.rectificationhub.canonical;

/** Who may see a field, as the schema annotates it with x-classification. */
public enum Classification {
    /** Shown on the public publication site (unless the item is exempt). */
    PUBLIC,
    /** Seen by the hub's operators and the commission, never published. */
    INTERNAL,
    /** Seen by the discipline commission only (e.g. names of people held accountable). */
    CONFIDENTIAL;

    static Classification of(String annotation) {
        return valueOf(annotation.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
