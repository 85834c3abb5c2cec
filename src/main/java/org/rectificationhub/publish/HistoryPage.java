package org.rectificationhub.publish;

/**
 * Where a page sits in a problem's public history. Up to {@link #ENTRIES} reports it is one page,
 * problems/{no}.html, as it always was; past that, the full runs of the oldest reports move to pages of their own,
 * problems/{no}-1.html (the oldest) to {no}-{archived}.html, which never change once written, and {no}.html keeps
 * the newest (1 to ENTRIES). A page is then one page to read and to write, however long the problem's history.
 *
 * @param number   0 for the newest page, else the archived page's number (1 the oldest)
 * @param archived how many archived pages the problem has
 */
record HistoryPage(int problemNo, int number, int archived) {

    /** Reports a page shows at most. */
    static final int ENTRIES = 200;

    static HistoryPage newest(int problemNo, int archived) {
        return new HistoryPage(problemNo, 0, archived);
    }

    String file() {
        return file(number);
    }

    /** A single page: written exactly as before there were archived pages. */
    boolean alone() {
        return archived == 0;
    }

    /** The page of the reports just before this one's, or null. */
    String older() {
        int older = number == 0 ? archived : number - 1;
        return older > 0 ? file(older) : null;
    }

    /** The number of this page's newest report, counting the problem's public reports from 1, the oldest. */
    int start(int entries) {
        return number == 0 ? archived * ENTRIES + entries : number * ENTRIES;
    }

    private String file(int page) {
        return page == 0 ? problemNo + ".html" : problemNo + "-" + page + ".html";
    }
}
