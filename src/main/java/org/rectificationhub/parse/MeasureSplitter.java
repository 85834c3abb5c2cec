package org.rectificationhub.parse;

import org.rectificationhub.canonical.RoundRegistration.Measure;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits measure text written as 一是…二是… or 1./1、/（1） lists into measures. A measure's first sentence is its
 * heading (Measure.text); the rest is its progress, and the status words in it give its status.
 */
final class MeasureSplitter {

    /** A line that starts a measure in a notice: 一是… or （1）…. */
    static final Pattern ORDINAL_START = Pattern.compile("^(?:[一二三四五六七八九十]{1,3}是|（\\d{1,2}）)");
    private static final Pattern ORDINAL = Pattern.compile("(?:^|(?<=[。；;！\\s]))([一二三四五六七八九十]{1,3})是");
    private static final Pattern NUMBERED = Pattern.compile("(?:^|(?<=[。；;！\\s]))(?:（(\\d{1,2})）|(\\d{1,2})[.、）])(?!\\d)");
    static final int MAX_HEADING = 2000;

    private MeasureSplitter() {
    }

    /** The items of a list, or the whole text as one item when it is not a list. */
    static List<String> items(String text) {
        String body = text.strip();
        List<String> items = split(body, ORDINAL, true);
        if (items.isEmpty()) {
            items = split(body, NUMBERED, false);
        }
        return items.isEmpty() ? (body.isEmpty() ? List.of() : List.of(body)) : items;
    }

    /**
     * Cuts at markers that count on by one from the marker the text starts with (a line may start at 二是);
     * keeps the markers out of the items. Text that does not start with a marker is not a list.
     */
    private static List<String> split(String text, Pattern marker, boolean chinese) {
        List<Integer> cuts = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        Matcher m = marker.matcher(text);
        int expected = -1;
        while (m.find()) {
            String number = m.group(1) != null ? m.group(1) : m.group(2);
            int value = chinese ? Numbering.chinese(number) : Integer.parseInt(number);
            if (expected < 0 && m.start() == 0) {
                expected = value;
            }
            if (value == expected && value > 0) {
                cuts.add(m.start());
                starts.add(m.end());
                expected++;
            }
        }
        List<String> items = new ArrayList<>();
        if (cuts.isEmpty() || !text.substring(0, cuts.get(0)).isBlank()) {
            return items;
        }
        for (int i = 0; i < cuts.size(); i++) {
            int end = i + 1 < cuts.size() ? cuts.get(i + 1) : text.length();
            String item = text.substring(starts.get(i), end).strip();
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        return items;
    }

    /** A measure from its item text: heading sentence, then progress with its status. */
    static Measure measure(int seq, String item) {
        int stop = item.indexOf('。');
        String heading = stop < 0 ? item : item.substring(0, stop + 1);
        String progress = stop < 0 ? "" : item.substring(stop + 1).strip();
        if (heading.length() > MAX_HEADING) {
            // No heading sentence to speak of: a shortened heading, and the whole text kept as progress.
            heading = heading.substring(0, MAX_HEADING - 1) + "…";
            progress = item;
        }
        String said = progress.isEmpty() ? heading : progress;
        return new Measure(seq, heading, StatusWords.find(said).orElse(null), progress.isEmpty() ? null : progress);
    }

    static List<Measure> measures(String text) {
        List<Measure> measures = new ArrayList<>();
        for (String item : items(text)) {
            measures.add(measure(measures.size() + 1, item));
        }
        return measures;
    }
}
