package org.rectificationhub.parse;

import org.rectificationhub.canonical.RoundRegistration.Round;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The registered rounds an input's round facts match, found by whoever holds the registrations (the intake asks
 * the ledger; the offline parse command knows none). The parsers never look anything up themselves.
 *
 * @param sameInspection the round registered for the same team, organisation and feedback date, under any id
 * @param derivedId      the round registered under the id derived from the input's team, organisation and date
 * @param teamAndOrg     the latest round registered for the input's team and organisation
 * @param configured     the round the channel names (a department's configured round, parse --round)
 */
public record RoundMatches(Optional<Round> sameInspection, Optional<Round> derivedId, Optional<Round> teamAndOrg,
                           Optional<Round> configured) {

    public static final RoundMatches NONE =
            new RoundMatches(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * What to look up for a draft: each part is null when the input gives nothing to look up by.
     *
     * @param feedbackDate with team and organisation, names one inspection
     * @param derivedId    the id the hub derives for that inspection
     * @param configuredId the channel's round for inputs that do not say theirs
     */
    public record Query(String inspectionTeam, String inspectedOrg, LocalDate feedbackDate, String derivedId,
                        String configuredId) {

        public boolean byInspection() {
            return inspectionTeam != null && inspectedOrg != null && feedbackDate != null;
        }

        public boolean byTeamAndOrg() {
            return inspectionTeam != null && inspectedOrg != null;
        }
    }
}
