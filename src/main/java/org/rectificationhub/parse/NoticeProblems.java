package org.rectificationhub.parse;

import org.rectificationhub.canonical.RoundRegistration.Category;
import org.rectificationhub.canonical.RoundRegistration.Measure;
import org.rectificationhub.canonical.RoundRegistration.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Section 二 of a notice: categories （一）…, numbered problems 1. …, measures 一是…. A problem written as one
 * paragraph without a 一是 list has no measures: its paragraph is the problem's progress (problems 19 and 20 of
 * the sample), so no measure heading is invented.
 */
final class NoticeProblems {

    static final Pattern CATEGORY = Pattern.compile("^（([一二三四五六七八九十]{1,3})）(.+)$");
    /** 1.加强…, 1、加强…, 1、5G…; a digit right after "." makes a decimal (3.5亿元…), not a heading. */
    static final Pattern PROBLEM = Pattern.compile("^(\\d{1,3})\\s*(?:\\.(?!\\d)|、)\\s*(.+)$");
    /** The first measure written on the heading line (1.…不深入。一是…); 一是 inside words (统一是…) is the title's. */
    private static final Pattern INLINE_MEASURE = Pattern.compile("[。；！：\\s]一是");
    private static final Pattern QUOTED = Pattern.compile("^关于[“‘](.+)[”’].{0,12}$");
    /** A group heading naming a responsible party rather than a category, e.g. （二）街道城市管理分局牵头整改问题. */
    private static final Pattern PARTY = Pattern.compile(
            "^(?!关于)(?!.*方面$)(.{2,40}?(?:局|办公室|办|委员会|党工委|工委|社区|中心|分局|公司|部|所|队|站|处|室))(?:牵头|负责|承担|整改|落实)?.{0,12}$");

    private final List<Problem> problems = new ArrayList<>();
    private Category category;
    private String party;
    private Draft current;

    private static final class Draft {
        final int number;
        final String title;
        final String feedbackText;
        final Category category;
        final String party;
        final List<String> lead = new ArrayList<>();
        final List<String> measureLines = new ArrayList<>();

        Draft(int number, String title, String feedbackText, Category category, String party) {
            this.number = number;
            this.title = title;
            this.feedbackText = feedbackText;
            this.category = category;
            this.party = party;
        }
    }

    /**
     * A category, problem or measure heading: part of section 二 whatever words it holds, so that a measure such as
     * 一是公布监督电话… is not taken for the notice's closing with its contacts.
     */
    static boolean isHeading(String line) {
        return CATEGORY.matcher(line).matches() || PROBLEM.matcher(line).matches()
                || MeasureSplitter.ORDINAL_START.matcher(line).find();
    }

    static List<Problem> read(List<String> lines, List<String> unplaced) {
        NoticeProblems reader = new NoticeProblems();
        for (String line : lines) {
            reader.accept(line, unplaced);
        }
        reader.finish();
        return reader.problems;
    }

    private void accept(String line, List<String> unplaced) {
        Matcher c = CATEGORY.matcher(line);
        if (c.matches() && Numbering.chinese(c.group(1)) > 0) {
            finish();
            String title = TextNormalizer.title(c.group(2));
            category = new Category(Numbering.chinese(c.group(1)), title);
            Matcher p = PARTY.matcher(title);
            party = p.matches() ? p.group(1) : null;
            return;
        }
        Matcher p = PROBLEM.matcher(line);
        if (p.matches() && category != null && isNextNumber(Integer.parseInt(p.group(1)))) {
            finish();
            String heading = p.group(2);
            Matcher first = INLINE_MEASURE.matcher(heading);
            int inline = first.find() ? first.start() + 1 : -1;
            String title = TextNormalizer.title(inline > 0 ? heading.substring(0, inline) : heading);
            Matcher q = QUOTED.matcher(title);
            current = new Draft(Integer.parseInt(p.group(1)), title, q.matches() ? q.group(1) : null, category, party);
            if (inline > 0) {
                current.measureLines.add(heading.substring(inline));
            }
            return;
        }
        if (current == null) {
            unplaced.add(line);
        } else if (!current.measureLines.isEmpty() || MeasureSplitter.ORDINAL_START.matcher(line).find()) {
            current.measureLines.add(line);
        } else {
            current.lead.add(line);
        }
    }

    /** Numbers run on (1, 2, 3 …) or start afresh after a group heading; anything else is text that starts with a number. */
    private boolean isNextNumber(int number) {
        return current == null || number == current.number + 1;
    }

    private void finish() {
        if (current == null) {
            return;
        }
        List<Measure> measures = new ArrayList<>();
        for (String line : current.measureLines) {
            if (MeasureSplitter.ORDINAL_START.matcher(line).find() || measures.isEmpty()) {
                for (String item : MeasureSplitter.items(line)) {
                    measures.add(MeasureSplitter.measure(measures.size() + 1, item));
                }
            } else {
                Measure last = measures.remove(measures.size() - 1);
                String progress = last.progress() == null ? line : last.progress() + "\n" + line;
                measures.add(new Measure(last.seq(), last.text(), StatusWords.find(progress).orElse(last.status()),
                        progress));
            }
        }
        String progress = current.lead.isEmpty() ? null : String.join("\n", current.lead);
        List<String> units = current.party == null ? List.of() : List.of(current.party);
        problems.add(new Problem(problems.size() + 1, current.category, current.title, current.feedbackText, units,
                null, null, null, progress == null ? null : StatusWords.find(progress).orElse(null), progress,
                List.of(), null, measures));
        current = null;
    }
}
