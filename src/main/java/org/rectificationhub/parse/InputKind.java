package org.rectificationhub.parse;

/** What an input really is, told by its content first and its name second. */
enum InputKind {
    CANONICAL_JSON, NOTICE_TEXT, CSV, XLSX, DOCX
}
