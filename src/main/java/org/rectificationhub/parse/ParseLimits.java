package org.rectificationhub.parse;

/**
 * Bounds that keep a hostile input from costing more than a few seconds and megabytes.
 *
 * @param maxBytes       the input file
 * @param maxRows        ledger rows (and notice lines)
 * @param maxTextChars   decoded text of a whole input
 * @param maxUnzipped    all entries of an .xlsx/.docx together, uncompressed
 * @param maxCells       cells of one ledger sheet, each cell a merged range fills counted (a few kilobytes of
 *                       merged ranges would otherwise expand to millions of cells in memory), or of a Word
 *                       report's tables
 */
public record ParseLimits(long maxBytes, int maxRows, int maxTextChars, long maxUnzipped, int maxCells) {

    public static final ParseLimits DEFAULTS = new ParseLimits(20L * 1024 * 1024, 5000, 4 * 1024 * 1024,
            100L * 1024 * 1024, 200_000);
}
