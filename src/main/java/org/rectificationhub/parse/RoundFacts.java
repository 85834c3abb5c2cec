package org.rectificationhub.parse;

import org.rectificationhub.canonical.RoundRegistration.DeclaredTotals;
import org.rectificationhub.canonical.RoundRegistration.Narrative;
import org.rectificationhub.canonical.RoundRegistration.Period;
import org.rectificationhub.canonical.RoundRegistration.Publication;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** What an input says about its round, before it has an id; any part may be missing. */
record RoundFacts(String inspectionTeam, String inspectedOrg, List<String> inspectedUnits, Period period,
                  LocalDate feedbackDate, DeclaredTotals declaredTotals, Publication publication, Narrative narrative) {

    RoundFacts {
        inspectedUnits = List.copyOf(inspectedUnits == null ? List.of() : inspectedUnits);
    }

    static RoundFacts none() {
        return new RoundFacts(null, null, List.of(), null, null, null, null, null);
    }

    /** Enough to name the round: team, organisation and feedback date make its identity. */
    boolean identifiesRound() {
        return inspectionTeam != null && inspectedOrg != null && feedbackDate != null;
    }

    /** The schema's required round fields that are missing, by name. */
    List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (inspectionTeam == null) {
            missing.add("inspection team (巡察组)");
        }
        if (inspectedOrg == null) {
            missing.add("inspected organisation (被巡察党组织)");
        }
        if (period == null) {
            missing.add("inspection period (巡察时间)");
        }
        if (feedbackDate == null) {
            missing.add("feedback date (反馈时间)");
        }
        return missing;
    }
}
