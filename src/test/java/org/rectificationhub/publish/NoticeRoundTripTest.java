package org.rectificationhub.publish;

import org.junit.jupiter.api.Test;
import org.rectificationhub.canonical.RoundRegistration;
import org.rectificationhub.canonical.RoundRegistration.Problem;
import org.rectificationhub.publish.GeneratedRounds.GeneratedCategory;
import org.rectificationhub.publish.GeneratedRounds.GeneratedMeasure;
import org.rectificationhub.publish.GeneratedRounds.GeneratedProblem;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rounds generated at random (seeded: a failure names the seed that gives its round again), published as
 * notice.txt and notice.docx, read back by the hub's own parser: the same categories, problems and measures, with
 * their numbers and texts.
 */
class NoticeRoundTripTest {

    private static final int ROUNDS = 200;

    @Test
    void generatedRoundsReadBackTheSameFromNoticeTxtAndNoticeDocx() {
        for (long seed = 20261128L; seed < 20261128L + ROUNDS; seed++) {
            RoundRegistration round = GeneratedRounds.round(GeneratedRounds.categories(new Random(seed)));
            PublicRound shown = NoticeReading.shown(round);
            RoundRegistration fromTxt = NoticeReading.parsed(
                    NoticeText.render(shown).getBytes(StandardCharsets.UTF_8), "notice.txt");
            RoundRegistration fromDocx = NoticeReading.parsed(NoticeDocx.render(shown), "notice.docx");
            assertSameProblems(fromTxt, round, "seed " + seed + ", notice.txt");
            assertSameProblems(fromDocx, round, "seed " + seed + ", notice.docx");
        }
    }

    private static void assertSameProblems(RoundRegistration reread, RoundRegistration original, String file) {
        assertThat(reread.round().inspectionTeam()).as(file).isEqualTo(original.round().inspectionTeam());
        assertThat(reread.round().inspectedOrg()).as(file).isEqualTo(original.round().inspectedOrg());
        assertThat(reread.round().period()).as(file).isEqualTo(original.round().period());
        assertThat(reread.round().publication()).as(file).isEqualTo(original.round().publication());
        assertThat(reread.round().narrative()).as(file).isEqualTo(original.round().narrative());
        assertThat(reread.problems()).as(file).hasSameSizeAs(original.problems());
        for (int i = 0; i < original.problems().size(); i++) {
            Problem a = original.problems().get(i);
            Problem b = reread.problems().get(i);
            String which = file + ", problem " + a.problemNo();
            assertThat(b.problemNo()).as(which).isEqualTo(a.problemNo());
            assertThat(b.category()).as(which).isEqualTo(a.category());
            assertThat(b.title()).as(which).isEqualTo(a.title());
            assertThat(b.progress()).as(which).isEqualTo(a.progress());
            assertThat(measures(b)).as(which).isEqualTo(measures(a));
        }
    }

    /** Number, heading and progress of each measure; the status is what the parser reads from the words. */
    private static List<String> measures(Problem problem) {
        return problem.measures().stream().map(m -> m.seq() + "|" + m.text() + "|" + m.progress()).toList();
    }

    /** Full-width letters and digits, ASCII punctuation in Chinese prose, stray spaces: the hub reads them respelt. */
    @Test
    void textInAnotherSpellingReadsBackInTheHubsOneSpelling() {
        RoundRegistration round = GeneratedRounds.round(List.of(new GeneratedCategory("关于ＡＢ类方面", List.of(
                new GeneratedProblem("落实１２项,推进(三)项", null, List.of(new GeneratedMeasure("加强 ， 学习。", null)))))));
        PublicRound shown = NoticeReading.shown(round);
        for (RoundRegistration reread : List.of(NoticeReading.parsed(NoticeDocx.render(shown), "notice.docx"),
                NoticeReading.parsed(NoticeText.render(shown).getBytes(StandardCharsets.UTF_8), "notice.txt"))) {
            Problem problem = reread.problems().get(0);
            assertThat(problem.category().title()).isEqualTo("关于AB类方面");
            assertThat(problem.title()).isEqualTo("落实12项，推进（三）项");
            assertThat(problem.measures().get(0).text()).isEqualTo("加强，学习。");
        }
    }
}
