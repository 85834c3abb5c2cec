package org.rectificationhub.parse;

import org.rectificationhub.canonical.RoundRegistration.DeclaredTotals;
import org.rectificationhub.canonical.RoundRegistration.Period;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The opening of a notice (or a ledger's title row): who inspected whom, when, feedback date, headline totals. */
final class NoticeOpening {

    private static final Pattern TEAM_AND_ORG = Pattern.compile(
            "([^，。；：、\\s]{2,40}?巡[察视]组)[^，。；]{0,60}?对([^。]{1,300}?)(?:开展了?|进行了?|实施了?)[^，。；]{0,12}?(?:巡察|巡视)");
    private static final Pattern TEAM_ONLY = Pattern.compile("([^，。；：、\\s（）]{2,40}?巡[察视]组)");
    private static final Pattern ORG_AFTER_INSPECTING = Pattern.compile(
            "(?:巡[察视]组?(?:巡察|巡视)|对)(.{2,60}?(?:党组织|党组|党委|党工委|工作委员会))");
    private static final Pattern ALIAS = Pattern.compile("（以下简称[^）]*）");
    private static final Pattern GROUPED_UNITS = Pattern.compile("^(.+?)等[一二三四五六七八九十百千\\d]+个(.+)$");
    private static final Pattern RANGE_GAP = Pattern.compile("\\s*[至到—~\\-－]+\\s*");
    private static final Pattern FEEDBACK = Pattern.compile("反馈(?!\\d|的\\d)");

    private NoticeOpening() {
    }

    static RoundFacts read(String text) {
        String team = null;
        String org = null;
        List<String> units = List.of();
        Matcher m = TEAM_AND_ORG.matcher(text);
        if (m.find()) {
            team = m.group(1);
            String whom = ALIAS.matcher(m.group(2)).replaceAll("");
            int and = whom.indexOf('及');
            org = (and > 0 ? whom.substring(0, and) : whom).strip();
            units = and > 0 ? units(whom.substring(and + 1)) : List.of();
        } else {
            Matcher t = TEAM_ONLY.matcher(text);
            if (t.find()) {
                team = t.group(1);
            }
            Matcher o = ORG_AFTER_INSPECTING.matcher(text);
            if (o.find()) {
                org = o.group(1);
            }
        }
        List<ChineseDates.Found> dates = ChineseDates.findAll(text, null);
        Period period = null;
        int periodIndex = -1;
        for (int i = 0; i + 1 < dates.size() && period == null; i++) {
            String gap = text.substring(dates.get(i).end(), dates.get(i + 1).start());
            if (RANGE_GAP.matcher(gap).matches()) {
                period = new Period(dates.get(i).date(), dates.get(i + 1).date());
                periodIndex = i;
            }
        }
        LocalDate feedback = null;
        for (int i = 0; i < dates.size() && feedback == null; i++) {
            if (i == periodIndex || i == periodIndex + 1) {
                continue;
            }
            int sentenceEnd = text.indexOf('。', dates.get(i).end());
            String rest = text.substring(dates.get(i).end(), sentenceEnd < 0 ? text.length() : sentenceEnd);
            String before = text.substring(Math.max(0, dates.get(i).start() - 6), dates.get(i).start());
            if (FEEDBACK.matcher(rest).find() || before.contains("反馈")) {
                feedback = dates.get(i).date();
            }
        }
        return new RoundFacts(team, org, units, period, feedback, totals(text), null, null);
    }

    /** "东正、市桥…等八个社区党组织" names eight units: 东正社区党组织, 市桥社区党组织, … */
    private static List<String> units(String text) {
        String list = text.strip();
        String suffix = "";
        Matcher grouped = GROUPED_UNITS.matcher(list);
        if (grouped.matches()) {
            list = grouped.group(1);
            suffix = grouped.group(2).strip();
        }
        List<String> units = new ArrayList<>();
        for (String name : list.split("[、，和]")) {
            String unit = name.strip();
            if (!unit.isEmpty()) {
                units.add(unit.endsWith(suffix) ? unit : unit + suffix);
            }
        }
        return units;
    }

    private static final Pattern PROBLEMS = Pattern.compile("反馈(?:的)?(?:各类)?(?:问题)?(\\d+)个(?:问题)?");
    private static final Pattern COMPLETED = Pattern.compile("(?<![未本])(?:已)?(?:完成整改|整改完成|已完成)(\\d+)个");
    private static final Pattern BASIC = Pattern.compile("基本完成[^，。、；\\d]{0,30}?(\\d+)个");
    private static final Pattern IN_PROGRESS = Pattern.compile("(?:正在整改|正在推进|持续推进|推进中)(\\d+)个");
    private static final Pattern NOT_COMPLETED = Pattern.compile("未完成(?:整改)?(\\d+)个");
    private static final Pattern RATE = Pattern.compile("完成率(?:为|达)?(\\d{1,3}(?:\\.\\d+)?)\\s*%");

    /** Headline totals, when the notice states them; null otherwise. */
    static DeclaredTotals totals(String text) {
        Integer problems = count(PROBLEMS, text);
        Double rate = null;
        Matcher r = RATE.matcher(text);
        if (r.find()) {
            double value = Double.parseDouble(r.group(1));
            rate = value <= 100 ? value : null;
        }
        if (problems == null && rate == null) {
            return null;
        }
        return new DeclaredTotals(problems, count(COMPLETED, text), count(BASIC, text), count(IN_PROGRESS, text),
                count(NOT_COMPLETED, text), rate);
    }

    private static Integer count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return null;
        }
        long value = Long.parseLong(m.group(1));
        return value <= 1_000_000 ? (int) value : null;
    }
}
