package org.rectificationhub.parse;

import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.RoundRegistration;
import org.rectificationhub.canonical.RoundRegistration.Problem;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SampleNoticeTest {

    private final RoundRegistration doc = Fixtures.parseOk(Fixtures.sampleNotice(), "guancheng-2025.txt", Fixtures.OFFICE);

    @Test
    void sampleNoticeYieldsTwentyProblemsInSixCategories() {
        assertThat(doc.problems()).hasSize(20);
        assertThat(doc.problems()).extracting(p -> p.category().no()).containsOnly(1, 2, 3, 4, 5, 6);
        assertThat(doc.problems().stream().map(p -> p.category().title()).distinct()).hasSize(6);
        assertThat(doc.problems()).extracting(Problem::problemNo)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
        assertThat(doc.problems().get(0).category().title()).isEqualTo("关于把握战略意图，落实“百千万工程”决策部署方面");
        assertThat(doc.problems().get(6).title()).isEqualTo("落实“投资年”行动");
    }

    @Test
    void sampleNoticeMeasuresFollowTheOrdinalLists() {
        assertThat(doc.problems().subList(0, 18)).extracting(p -> p.measures().size())
                .containsExactly(3, 3, 4, 4, 4, 3, 3, 4, 3, 3, 2, 2, 3, 3, 2, 3, 4, 4);
        RoundRegistration.Measure first = doc.problems().get(0).measures().get(0);
        assertThat(first.text()).isEqualTo("及时深入学习贯彻上级精神。");
        assertThat(first.progress()).startsWith("健全完善指挥部各项制度").endsWith("等项目取得阶段性成效。");
    }

    @Test
    void singleParagraphProblemsHaveNoMeasuresAndKeepTheParagraphAsProgress() {
        Problem p19 = doc.problems().get(18);
        Problem p20 = doc.problems().get(19);
        assertThat(p19.measures()).isEmpty();
        assertThat(p20.measures()).isEmpty();
        assertThat(p19.progress()).isEqualTo("持续推进上一轮巡察反馈问题整改工作。启动问责程序，对涉违建问题的相关责任人进行追责。");
        assertThat(p20.progress()).startsWith("迅速开展重复出现问题整改工作。");
    }

    @Test
    void sampleNoticeNamesTheRoundAndItsPublication() {
        RoundRegistration.Round round = doc.round();
        assertThat(round.inspectionTeam()).isEqualTo("市委第一巡察组");
        assertThat(round.inspectedOrg()).isEqualTo("中共莞城街道工作委员会");
        assertThat(round.inspectedUnits()).hasSize(8).contains("东正社区党组织", "西隅社区党组织");
        assertThat(round.period().from()).isEqualTo(LocalDate.of(2024, 3, 25));
        assertThat(round.period().to()).isEqualTo(LocalDate.of(2024, 5, 7));
        assertThat(round.feedbackDate()).isEqualTo(LocalDate.of(2024, 8, 20));
        RoundRegistration.Publication pub = round.publication();
        assertThat(pub.commentPeriod().from()).isEqualTo(LocalDate.of(2025, 10, 16));
        assertThat(pub.commentPeriod().to()).isEqualTo(LocalDate.of(2025, 11, 16));
        assertThat(pub.phone()).isEqualTo("0769-22118522");
        assertThat(pub.email()).isEqualTo("guanchengxuncha@126.com");
        assertThat(pub.postalAddress()).isEqualTo("广东省东莞市莞城街道高第街1号莞城党政综合办公室");
        assertThat(pub.postcode()).isEqualTo("523000");
        assertThat(pub.issuer()).isEqualTo("中共莞城街道工作委员会");
        assertThat(pub.issuedOn()).isEqualTo(LocalDate.of(2025, 10, 16));
    }

    @Test
    void sectionsOneAndThreeAreNarrativeAndPageFurnitureIsDropped() {
        assertThat(doc.round().narrative().mainResponsibility()).hasSize(3).allMatch(p -> p.startsWith("（"));
        assertThat(doc.round().narrative().nextSteps()).anyMatch(p -> p.startsWith("一是坚持"));
        String json = CanonicalJson.write(doc);
        assertThat(json).doesNotContain("版权所有", "ICP", "网站地图", "欢迎广大干部群众");
    }

    @Test
    void identityIsDerivedFromTheRoundAndTheIssueDate() {
        assertThat(doc.roundId()).matches("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$").startsWith("round-20240820-");
        assertThat(doc.department()).isEqualTo("rectification-office");
        assertThat(doc.sequence()).isEqualTo(20251016000000L);
        assertThat(doc.reportedAt()).hasToString("2025-10-16T00:00+08:00");
        assertThat(doc.updateId()).startsWith("notice-");
    }

    @Test
    void resendingTheSameNoticeGivesTheSameDocument() {
        RoundRegistration again = Fixtures.parseOk(Fixtures.sampleNotice(), "again.txt", Fixtures.OFFICE);
        assertThat(CanonicalJson.write(again)).isEqualTo(CanonicalJson.write(doc));
    }

    @Test
    void gb18030WithFullWidthPunctuationGivesTheSameDocuments() {
        String fullWidth = new String(Fixtures.sampleNotice(), StandardCharsets.UTF_8)
                .replace(',', '，').replace(':', '：').replace(';', '；').replace('(', '（').replace(')', '）')
                .replaceAll("(?m)^(\\d+)\\.", "$1．").replace("\n", "\r\n\r\n  ");
        byte[] gb = fullWidth.getBytes(TextDecoding.GB18030);
        RoundRegistration fromGb = Fixtures.parseOk(gb, "notice-gbk.txt", Fixtures.OFFICE);
        assertThat(fromGb.roundId()).isEqualTo(doc.roundId());
        assertThat(fromGb.problems()).isEqualTo(doc.problems());
        assertThat(CanonicalJson.write(fromGb)).isEqualTo(CanonicalJson.write(doc));
    }

    @Test
    void aLaterNoticeOfTheSameRoundLandsOnTheSameRoundWithAHigherSequence() {
        String later = new String(Fixtures.sampleNotice(), StandardCharsets.UTF_8)
                .replace("2025年10月16日\n|", "2026年1月20日\n|").replace("公开期限:2025年10月16日", "公开期限:2026年1月20日")
                .replace("11月16日", "2月20日");
        RoundRegistration next = Fixtures.parseOk(later.getBytes(StandardCharsets.UTF_8), "later.txt", Fixtures.OFFICE);
        assertThat(next.roundId()).isEqualTo(doc.roundId());
        assertThat(next.sequence()).isGreaterThan(doc.sequence());
        assertThat(next.updateId()).isNotEqualTo(doc.updateId());
        assertThat(List.of(next.round().publication().issuedOn())).containsExactly(LocalDate.of(2026, 1, 20));
    }
}
