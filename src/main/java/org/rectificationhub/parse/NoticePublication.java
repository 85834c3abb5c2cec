package org.rectificationhub.parse;

import org.rectificationhub.canonical.RoundRegistration.Period;
import org.rectificationhub.canonical.RoundRegistration.Publication;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The closing of a notice: comment period (公开期限), contact channels, issuer and date. */
final class NoticePublication {

    static final Pattern STARTS = Pattern.compile("^欢迎.*|.*(公开期限|公示期|联系电话|监督电话|电子邮箱|邮政信箱|来信来访).*");
    private static final Pattern DATE_LINE = Pattern.compile("^\\d{4}年\\d{1,2}月\\d{1,2}日$");
    private static final Pattern PHONE = Pattern.compile("(?:联系电话|监督电话|举报电话|电话)：?([0-9][0-9\\-—（）()、 ]{5,60}[0-9])");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern ADDRESS = Pattern.compile("(?:邮政信箱|通信地址|通讯地址|邮寄地址|来信地址|联系地址)：?([^；。]{2,500})");
    private static final Pattern POSTCODE = Pattern.compile("(?:邮政编码|邮编)：?(\\d{6})");

    private NoticePublication() {
    }

    /** Who signed the notice and when. */
    record Signature(String issuer, LocalDate issuedOn) {
    }

    /** Issuer and date: the last line is a date alone, the line above it the issuer. Removes them from lines. */
    static Signature takeSignature(List<String> lines) {
        String issuer = null;
        LocalDate issuedOn = null;
        int last = lines.size() - 1;
        if (last >= 0 && DATE_LINE.matcher(lines.get(last)).matches()) {
            issuedOn = ChineseDates.parseCell(lines.get(last)).orElse(null);
            lines.remove(last);
            String above = last > 0 ? lines.get(last - 1) : "";
            if (!above.isEmpty() && above.length() <= 200 && !above.matches(".*[，。；：].*")) {
                issuer = above;
                lines.remove(last - 1);
            }
        }
        return new Signature(issuer, issuedOn);
    }

    static Publication read(List<String> tail, Signature signature) {
        String issuer = signature.issuer();
        LocalDate issuedOn = signature.issuedOn();
        String text = String.join("\n", tail);
        Period comment = null;
        int at = text.indexOf("公开期限");
        at = at < 0 ? text.indexOf("公示期") : at;
        if (at >= 0) {
            List<ChineseDates.Found> dates = ChineseDates.findAll(text.substring(at),
                    issuedOn == null ? null : issuedOn.getYear());
            if (dates.size() >= 2) {
                comment = new Period(dates.get(0).date(), dates.get(1).date());
            }
        }
        String phone = group(PHONE, text);
        Matcher email = EMAIL.matcher(text);
        String mail = email.find() ? email.group() : null;
        String address = group(ADDRESS, text);
        String postcode = group(POSTCODE, text);
        if (comment == null && phone == null && mail == null && address == null && issuer == null && issuedOn == null) {
            return null;
        }
        return new Publication(comment, phone, mail, address, postcode, issuer, issuedOn);
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1).strip() : null;
    }
}
