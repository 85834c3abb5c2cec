package org.rectificationhub.parse;

import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.RoundRegistration;
import org.rectificationhub.canonical.RoundRegistration.Problem;
import org.rectificationhub.canonical.Status;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class NoticeVariantsTest {

    private static RoundRegistration parse(String resource) {
        return Fixtures.parseOk(Fixtures.resource("samples/notices/" + resource), resource, Fixtures.OFFICE);
    }

    @Test
    void asciiPunctuationAndEnumerationCommaNumberingAreRead() {
        RoundRegistration doc = parse("chengnan-ascii-totals.txt");
        assertThat(doc.round().inspectionTeam()).isEqualTo("区委第二巡察组");
        assertThat(doc.round().inspectedOrg()).isEqualTo("中共城南街道工作委员会");
        assertThat(doc.problems()).extracting(Problem::problemNo).containsExactly(1, 2, 3);
        assertThat(doc.problems()).extracting(p -> p.category().no()).containsExactly(1, 1, 2);
        assertThat(doc.problems().get(0).category().title()).isEqualTo("关于贯彻落实党的路线方针政策方面");
        assertThat(doc.round().publication().phone()).isEqualTo("020-12345678");
        assertThat(doc.round().publication().email()).isEqualTo("chengnan@example.gov.cn");
    }

    @Test
    void yearsOmittedFromLaterDatesComeFromTheDateBefore() {
        RoundRegistration doc = parse("chengnan-ascii-totals.txt");
        assertThat(doc.round().period().from()).isEqualTo(LocalDate.of(2023, 10, 9));
        assertThat(doc.round().period().to()).isEqualTo(LocalDate.of(2023, 12, 1));
        assertThat(doc.round().feedbackDate()).isEqualTo(LocalDate.of(2024, 1, 15));
        assertThat(doc.round().publication().commentPeriod().to()).isEqualTo(LocalDate.of(2024, 3, 31));

        RoundRegistration humen = parse("humen-grouped-by-party.txt");
        assertThat(humen.round().period().to()).isEqualTo(LocalDate.of(2024, 6, 5));
        assertThat(humen.round().feedbackDate()).isEqualTo(LocalDate.of(2024, 9, 3));
    }

    @Test
    void headingsQuotingTheFeedbackKeepTheQuoteAsFeedbackText() {
        RoundRegistration doc = parse("chengnan-ascii-totals.txt");
        assertThat(doc.problems().get(0).title()).isEqualTo("关于‘理论学习不深入’问题的整改");
        assertThat(doc.problems().get(0).feedbackText()).isEqualTo("理论学习不深入");
        assertThat(doc.problems().get(1).feedbackText()).isEqualTo("重大项目推进缓慢");
    }

    @Test
    void inlineOrdinalMeasuresAreSplitAndTheirStatusWordsMapped() {
        RoundRegistration doc = parse("chengnan-ascii-totals.txt");
        Problem first = doc.problems().get(0);
        assertThat(first.measures()).extracting(RoundRegistration.Measure::text)
                .containsExactly("完善学习制度。", "开展专题学习。");
        assertThat(first.measures()).extracting(RoundRegistration.Measure::status)
                .containsExactly(Status.COMPLETED, Status.IN_PROGRESS);
        assertThat(doc.problems().get(1).measures()).extracting(RoundRegistration.Measure::status)
                .containsExactly(Status.IN_PROGRESS, Status.COMPLETED);
        assertThat(doc.problems().get(2).measures().get(0).status()).isEqualTo(Status.ONGOING);
        assertThat(doc.round().narrative().nextSteps()).containsExactly("一是持续巩固整改成果。二是建立长效机制。");
    }

    @Test
    void headlineTotalsGoToDeclaredTotals() {
        RoundRegistration.DeclaredTotals chengnan = parse("chengnan-ascii-totals.txt").round().declaredTotals();
        assertThat(chengnan).isEqualTo(new RoundRegistration.DeclaredTotals(25, 19, null, 6, null, 76.0));

        RoundRegistration.DeclaredTotals humen = parse("humen-grouped-by-party.txt").round().declaredTotals();
        assertThat(humen).isEqualTo(new RoundRegistration.DeclaredTotals(697, 688, 4, null, 5, 98.71));
    }

    @Test
    void problemsGroupedByResponsiblePartyNameThatPartyAsCategoryAndUnit() {
        RoundRegistration doc = parse("humen-grouped-by-party.txt");
        assertThat(doc.round().inspectionTeam()).isEqualTo("市委第三巡察组");
        assertThat(doc.round().inspectedOrg()).isEqualTo("中共虎门镇委员会");
        assertThat(doc.problems()).hasSize(4);
        assertThat(doc.problems().get(0).category().title()).isEqualTo("镇经济发展局牵头整改的问题");
        assertThat(doc.problems().get(0).responsibleUnits()).containsExactly("镇经济发展局");
        assertThat(doc.problems().get(2).responsibleUnits()).containsExactly("镇城市管理局");
        assertThat(doc.problems().get(2).category().no()).isEqualTo(2);
    }

    @Test
    void measuresNumberedInBracketsAreMeasuresToo() {
        Problem fourth = parse("humen-grouped-by-party.txt").problems().get(3);
        assertThat(fourth.measures()).extracting(RoundRegistration.Measure::text)
                .containsExactly("建立巡查机制。", "加大执法力度。");
        assertThat(fourth.measures()).extracting(RoundRegistration.Measure::status)
                .containsExactly(Status.COMPLETED, Status.ONGOING);
    }

    @Test
    void aSingleParagraphProblemTakesItsStatusFromItsWords() {
        Problem second = parse("humen-grouped-by-party.txt").problems().get(1);
        assertThat(second.measures()).isEmpty();
        assertThat(second.status()).isEqualTo(Status.BASICALLY_COMPLETED);
    }

    @Test
    void noticesInCategoryGroupsHaveNoResponsibleUnits() {
        assertThat(parse("chengnan-ascii-totals.txt").problems()).allMatch(p -> p.responsibleUnits().isEmpty());
    }

    /** Headings holding words that elsewhere mark the closing, page furniture, a measure or a decimal. */
    private static final String LOOKALIKES = String.join("\n",
            "2024年3月25日至5月7日，市委第一巡察组对中共某街道工作委员会开展了巡察。2024年8月20日，市委第一巡察组向"
                    + "中共某街道工作委员会反馈了巡察意见。",
            "二、巡察整改任务落实情况",
            "（一）关于基层治理方面",
            "1.主办单位责任落实不到位",
            "一是公布监督电话，接受群众监督。已完成。",
            "2.全市统一是非标准不够",
            "一是明确标准。已完成。",
            "3、5G基站建设滞后",
            "一是加快建设。正在整改。",
            "3.5亿元资金已拨付。",
            "4.学习不深入。一是加强学习。已完成。",
            "欢迎广大干部群众对巡察整改落实情况进行监督。联系电话：0769-22118522。",
            "中共某街道工作委员会",
            "2025年10月16日");

    private static RoundRegistration lookalikes() {
        return Fixtures.parseOk(LOOKALIKES.getBytes(java.nio.charset.StandardCharsets.UTF_8), "n.txt", Fixtures.OFFICE);
    }

    @Test
    void aMeasureNamingTheContactsOrAHeadingNamingTheHostUnitStaysInTheNoticeAndTheClosingIsStillRead() {
        RoundRegistration doc = lookalikes();
        assertThat(doc.problems()).hasSize(4);
        assertThat(doc.problems().get(0).title()).isEqualTo("主办单位责任落实不到位");
        assertThat(doc.problems().get(0).measures()).extracting(RoundRegistration.Measure::text)
                .containsExactly("公布监督电话，接受群众监督。");
        assertThat(doc.round().publication().phone()).isEqualTo("0769-22118522");
        assertThat(doc.round().publication().issuer()).isEqualTo("中共某街道工作委员会");
    }

    @Test
    void aTitleStartingWithADigitAfterTheEnumerationCommaOrHolding一是InAWordIsTheWholeTitle() {
        RoundRegistration doc = lookalikes();
        assertThat(doc.problems()).extracting(Problem::title)
                .containsExactly("主办单位责任落实不到位", "全市统一是非标准不够", "5G基站建设滞后", "学习不深入");
        assertThat(doc.problems().get(1).measures()).extracting(RoundRegistration.Measure::text)
                .containsExactly("明确标准。");
        assertThat(doc.problems().get(2).measures().get(0).progress()).isEqualTo("正在整改。\n3.5亿元资金已拨付。");
        assertThat(doc.problems().get(3).measures()).extracting(RoundRegistration.Measure::text)
                .containsExactly("加强学习。");
    }

    @Test
    void aNoticeWithoutAnIssueDateIsReportedNow() {
        RoundRegistration doc = parse("humen-grouped-by-party.txt");
        assertThat(doc.reportedAt().toInstant()).isEqualTo(Fixtures.CLOCK.instant());
        assertThat(doc.sequence()).isEqualTo(20251101100000L);
    }
}
