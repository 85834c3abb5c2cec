package org.rectificationhub.parse;

/** Chinese numerals as notices number things: 一 … 十, 十一 … 九十九. */
final class Numbering {

    private static final String DIGITS = "零一二三四五六七八九";

    private Numbering() {
    }

    /** The value of a Chinese numeral up to 99, or -1. */
    static int chinese(String numeral) {
        if (numeral == null || numeral.isEmpty() || numeral.length() > 3) {
            return -1;
        }
        int ten = numeral.indexOf('十');
        if (ten < 0) {
            return numeral.length() == 1 ? DIGITS.indexOf(numeral.charAt(0)) : -1;
        }
        int tens = ten == 0 ? 1 : DIGITS.indexOf(numeral.charAt(0));
        int units = ten == numeral.length() - 1 ? 0 : DIGITS.indexOf(numeral.charAt(ten + 1));
        return tens < 1 || units < 0 ? -1 : tens * 10 + units;
    }
}
