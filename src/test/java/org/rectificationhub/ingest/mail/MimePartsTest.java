package org.rectificationhub.ingest.mail;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.rectificationhub.support.MailBox;
import org.springframework.util.unit.DataSize;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** How a mail is cut into the inputs the hub reads, on mails written byte for byte as clients write them. */
class MimePartsTest {

    private static final MailSettings SETTINGS = new MailSettings(true, "", 3143, "imap", "", 3025, false,
            "hub@localhost", "", "", Map.of(), "localhost", "", DataSize.ofKilobytes(200), DataSize.ofKilobytes(8),
            6, 3, 20, 0, Duration.ofMinutes(1), 8);

    /** Bytes as a client sends 8-bit text (UTF-8); the base64 and header-encoded parts are ASCII anyway. */
    private static List<MailPart> parts(String raw) throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        return MimeParts.of(mail, SETTINGS);
    }

    private static String multipart(String type, String... parts) {
        StringBuilder raw = new StringBuilder(MailBox.head("m", "a@localhost", "s"))
                .append("MIME-Version: 1.0\r\nContent-Type: multipart/").append(type).append("; boundary=\"b")
                .append(type).append("\"\r\n\r\n");
        for (String part : parts) {
            raw.append("--b").append(type).append("\r\n").append(part).append("\r\n");
        }
        return raw.append("--b").append(type).append("--\r\n").toString();
    }

    @Test
    void ofPlainAndHtmlAlternativesThePlainTextIsReadAndAnHtmlOnlyBodyIsReducedToItsText() throws Exception {
        String plain = "Content-Type: text/plain; charset=utf-8\r\n\r\n" + "正文".repeat(50);
        String html = "Content-Type: text/html; charset=utf-8\r\n\r\n<p>HTML</p>";
        assertThat(parts(multipart("alternative", plain, html))).singleElement()
                .satisfies(p -> assertThat(new String(p.bytes(), StandardCharsets.UTF_8)).startsWith("正文"));

        String only = "Content-Type: text/html; charset=utf-8\r\n\r\n<html><head><style>p{}</style></head><body>"
                + "<script>alert(1)</script><p>一、巡察整改&amp;落实</p><div>二是&nbsp;推进&#x3002;</div></body></html>";
        assertThat(parts(multipart("mixed", only))).singleElement().satisfies(p -> assertThat(
                new String(p.bytes(), StandardCharsets.UTF_8)).isEqualTo("一、巡察整改&落实\n二是 推进。"));
    }

    @Test
    void attachmentNamesAreDecodedButNeverAPathAndUnreadKindsAreRefusedWithTheirReason() throws Exception {
        String csv = "Content-Type: text/csv\r\nContent-Disposition: attachment;"
                + " filename*=UTF-8''..%2F..%2Fetc%2F%E5%8F%B0%E8%B4%A6.csv\r\n\r\na,b\r\n";
        String exe = "Content-Type: application/octet-stream\r\nContent-Disposition: attachment;"
                + " filename=\"=?UTF-8?B?5pS25LiL5ZCnLmV4ZQ==?=\"\r\n\r\nMZ";
        List<MailPart> parts = parts(multipart("mixed", csv, exe));

        assertThat(parts).extracting(MailPart::label).containsExactly("台账.csv", "收下吧.exe");
        assertThat(parts.get(0).problem()).isNull();
        assertThat(parts.get(1).problem()).contains("not read; expected .json, .csv, .xlsx, .docx or .txt");
    }

    @Test
    void aCoveringNoteBesideAttachmentsIsNotReadButALongTextIs() throws Exception {
        String note = "Content-Type: text/plain; charset=utf-8\r\n\r\n请查收。";
        String json = "Content-Type: application/json\r\nContent-Disposition: attachment; filename=u.json\r\n\r\n{}";
        assertThat(parts(multipart("mixed", note, json))).extracting(MailPart::label).containsExactly("u.json");

        String notice = "Content-Type: text/plain; charset=utf-8\r\n\r\n" + "根据巡察工作统一安排".repeat(10);
        assertThat(parts(multipart("mixed", notice, json))).extracting(MailPart::label)
                .containsExactly("正文 body", "u.json");
    }

    @Test
    void aGb2312LabelKeepsItsLabelForTheReaderWhichReadsItAsGb18030() throws Exception {
        String raw = MailBox.textMail("g", "a@localhost", "s", "堃", Charset.forName("GBK"), "gb2312");
        assertThat(parts(raw)).singleElement().satisfies(p -> {
            assertThat(p.declaredCharset()).isEqualTo("gb2312");
            assertThat(org.rectificationhub.parse.TextDecoding.decode(p.bytes(), p.declaredCharset()).text())
                    .isEqualTo("堃");
        });
    }

    @Test
    void oversizedPartsTooManyPartsAndDeepNestingAreRefusedWhileTheRestIsRead() throws Exception {
        String big = "Content-Type: text/csv\r\nContent-Disposition: attachment; filename=big.csv\r\n\r\n"
                + "x".repeat(10_000);
        String small = "Content-Type: text/csv\r\nContent-Disposition: attachment; filename=small.csv\r\n\r\na,b";
        assertThat(parts(multipart("mixed", big, small))).extracting(MailPart::label, p -> p.problem() != null)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("big.csv", true),
                        org.assertj.core.groups.Tuple.tuple("small.csv", false));

        String many = multipart("mixed", small, small, small, small, small, small, small);
        assertThat(parts(many)).filteredOn(p -> p.problem() != null).singleElement()
                .satisfies(p -> assertThat(p.problem()).contains("more than 6 parts"));

        String deep = "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b2\"\r\n\r\n--b2\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b3\"\r\n\r\n--b3\r\n" + small + "\r\n--b3--\r\n--b2--\r\n"
                + "--b1--";
        assertThat(parts(multipart("mixed", deep))).singleElement()
                .satisfies(p -> assertThat(p.problem()).contains("nested more than 3 deep"));
    }
}
