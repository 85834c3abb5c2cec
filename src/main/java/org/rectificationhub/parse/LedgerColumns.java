package org.rectificationhub.parse;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ledger columns by their Chinese names and synonyms; the longest synonym a header contains decides. */
final class LedgerColumns {

    enum Field { NUMBER, CATEGORY, DESCRIPTION, MEASURES, LEADER, UNITS, PERSON, DEADLINE, PROGRESS, STATUS, EVIDENCE }

    private static final Map<String, Field> SYNONYMS = new LinkedHashMap<>();

    static {
        put(Field.NUMBER, "序号", "编号", "问题编号", "问题序号");
        put(Field.CATEGORY, "问题类别", "类别", "方面", "问题类型", "问题分类", "所属方面");
        put(Field.DESCRIPTION, "问题描述", "存在问题", "问题表现", "反馈问题", "巡察反馈问题", "问题内容", "具体问题", "问题");
        put(Field.MEASURES, "整改措施", "措施", "整改举措");
        put(Field.LEADER, "责任领导", "分管领导", "牵头领导", "责任校领导");
        put(Field.UNITS, "责任单位", "牵头单位", "责任部门", "牵头部门", "责任科室");
        put(Field.PERSON, "责任人", "具体责任人", "经办人");
        put(Field.DEADLINE, "整改时限", "完成时限", "整改期限", "完成时间", "时限");
        put(Field.PROGRESS, "整改进展", "完成情况", "整改情况", "进展情况", "整改成效", "进展");
        put(Field.STATUS, "整改状态", "状态", "完成状态", "是否完成");
        put(Field.EVIDENCE, "佐证材料", "佐证", "证明材料", "附件");
    }

    private static void put(Field field, String... words) {
        for (String word : words) {
            SYNONYMS.put(word, field);
        }
    }

    /** Column positions of a header row; columns it does not know are left to the notes. */
    record Mapping(Map<Field, Integer> fields, Map<Integer, String> others) {
    }

    private LedgerColumns() {
    }

    static Field fieldOf(String header) {
        String h = compact(header);
        String best = null;
        for (String word : SYNONYMS.keySet()) {
            if (h.contains(word) && (best == null || word.length() > best.length())) {
                best = word;
            }
        }
        return best == null ? null : SYNONYMS.get(best);
    }

    static Mapping map(List<String> headers) {
        Map<Field, Integer> fields = new EnumMap<>(Field.class);
        Map<Integer, String> others = new LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i) == null ? "" : headers.get(i).strip();
            if (header.isEmpty()) {
                continue;
            }
            Field field = fieldOf(header);
            if (field == null || fields.putIfAbsent(field, i) != null) {
                others.put(i, header.replaceAll("\\s+", ""));
            }
        }
        return new Mapping(fields, others);
    }

    /** A header row names the problem description and at least two other known columns. */
    static boolean isHeader(List<String> cells) {
        Mapping mapping = map(cells);
        return mapping.fields().containsKey(Field.DESCRIPTION) && mapping.fields().size() >= 3;
    }

    private static String compact(String header) {
        return header == null ? "" : header.replaceAll("[\\s*＊]", "");
    }
}
