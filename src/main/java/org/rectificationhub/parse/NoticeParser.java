package org.rectificationhub.parse;

import org.rectificationhub.canonical.RoundRegistration.Narrative;
import org.rectificationhub.canonical.RoundRegistration.Problem;
import org.rectificationhub.canonical.RoundRegistration.Publication;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rectification notice (巡察整改进展情况公布) as text: opening, section 一 (main responsibility, kept as
 * narrative), section 二 (categories, problems, measures), section 三 (next steps, narrative), publication.
 */
final class NoticeParser {

    /** What a notice says: its round and its problems. */
    record Reading(RoundFacts facts, List<Problem> problems) {
    }

    private static final int MAX_OPENING = 4000;
    private static final Pattern SECTION = Pattern.compile("^([一二三四五六七八九十]{1,2})、(.*)$");

    private NoticeParser() {
    }

    static Reading parse(String text) {
        List<String> lines = new ArrayList<>(TextNormalizer.contentLines(text));
        NoticePublication.Signature signature = NoticePublication.takeSignature(lines);
        int tailStart = lines.size();
        int firstStructure = firstStructureLine(lines);
        for (int i = Math.max(firstStructure, 0); i < lines.size(); i++) {
            if (NoticePublication.STARTS.matcher(lines.get(i)).matches() && !NoticeProblems.isHeading(lines.get(i))) {
                tailStart = i;
                break;
            }
        }
        List<String> body = lines.subList(0, tailStart);
        List<String> tail = new ArrayList<>(lines.subList(tailStart, lines.size()));
        Publication publication = NoticePublication.read(tail, signature);
        int openingEnd = firstStructure < 0 ? body.size() : Math.min(firstStructure, body.size());
        String openingText = String.join("\n", body.subList(0, openingEnd));
        // An opening is a paragraph or two; bounding it keeps the round-fact patterns linear on hostile text.
        RoundFacts opening = NoticeOpening.read(openingText.substring(0, Math.min(openingText.length(), MAX_OPENING)));

        List<String> main = new ArrayList<>();
        List<String> next = new ArrayList<>();
        List<String> problemLines = new ArrayList<>();
        List<String> target = problemLines;
        for (String line : body.subList(openingEnd, body.size())) {
            Matcher s = SECTION.matcher(line);
            if (s.matches() && Numbering.chinese(s.group(1)) > 0) {
                target = sectionFor(s.group(2), Numbering.chinese(s.group(1)), main, problemLines, next);
                continue;
            }
            target.add(line);
        }
        List<String> unplaced = new ArrayList<>();
        List<Problem> problems = NoticeProblems.read(problemLines, unplaced);
        Narrative narrative = main.isEmpty() && next.isEmpty() ? null : new Narrative(main, next);
        RoundFacts facts = new RoundFacts(opening.inspectionTeam(), opening.inspectedOrg(), opening.inspectedUnits(),
                opening.period(), opening.feedbackDate(), opening.declaredTotals(), publication, narrative);
        return new Reading(facts, problems);
    }

    /** The first section, category or problem heading: everything above it is the opening. */
    private static int firstStructureLine(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (SECTION.matcher(line).matches() || NoticeProblems.CATEGORY.matcher(line).matches()) {
                return i;
            }
        }
        return -1;
    }

    /** By its heading's words first (主体责任, 下一步), else by position: 一 main, 二 problems, 三 next steps. */
    private static List<String> sectionFor(String heading, int number, List<String> main, List<String> problems,
                                           List<String> next) {
        if (heading.contains("下一步") || heading.contains("打算") || heading.contains("今后")) {
            return next;
        }
        if (heading.contains("主体责任") || heading.contains("总体情况") || heading.contains("组织领导")) {
            return main;
        }
        if (heading.contains("整改") || heading.contains("问题")) {
            return problems;
        }
        return number == 1 ? main : number == 2 ? problems : next;
    }
}
