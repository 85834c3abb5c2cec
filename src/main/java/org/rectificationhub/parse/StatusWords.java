package org.rectificationhub.parse;

import org.rectificationhub.canonical.Status;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The status words of ledgers and notices (DOMAIN.md), mapped to the canonical status. The one place they live. */
public final class StatusWords {

    private static final Map<String, Status> WORDS = new LinkedHashMap<>();

    static {
        put(Status.NOT_STARTED, "未启动", "未完成", "尚未启动", "未开始");
        put(Status.IN_PROGRESS, "正在整改", "按计划推进", "持续推进", "推进中", "整改中", "正在推进");
        put(Status.BASICALLY_COMPLETED, "基本完成", "基本完成取得阶段性成果并持续整改");
        put(Status.COMPLETED, "已完成", "已完成整改", "已整改到位", "已如期完成", "完成整改", "整改完成", "已整改");
        put(Status.CLOSED, "已销号", "已整改销号", "销号");
        put(Status.ONGOING, "长期坚持", "长期整改", "持续整改", "继续整改");
        put(Status.EXTENSION_REQUESTED, "申请延期", "申请延期整改");
    }

    private StatusWords() {
    }

    private static void put(Status status, String... words) {
        for (String word : words) {
            WORDS.put(word, status);
        }
    }

    /** A status cell: the whole cell is expected to be a status word, possibly with decoration. */
    public static Optional<Status> ofCell(String cell) {
        return find(cell);
    }

    /**
     * The status a running text states. The longest status phrase wins (基本完成…持续整改 over 持续整改), and
     * among equally long ones the first; "未完成" is never read as "完成".
     */
    public static Optional<Status> find(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String compact = text.replaceAll("\\s+", "");
        String best = null;
        int bestAt = Integer.MAX_VALUE;
        for (String word : WORDS.keySet()) {
            int at = firstOccurrence(compact, word);
            if (at < 0) {
                continue;
            }
            if (best == null || word.length() > best.length() || (word.length() == best.length() && at < bestAt)) {
                best = word;
                bestAt = at;
            }
        }
        return Optional.ofNullable(best).map(WORDS::get);
    }

    /** "完成整改" inside "未完成整改" or "基本完成整改" is not a completion. */
    private static int firstOccurrence(String text, String word) {
        int from = 0;
        while (true) {
            int at = text.indexOf(word, from);
            if (at < 0) {
                return -1;
            }
            boolean negated = word.startsWith("完成") && at > 0 && "未本".indexOf(text.charAt(at - 1)) >= 0;
            if (!negated) {
                return at;
            }
            from = at + 1;
        }
    }
}
