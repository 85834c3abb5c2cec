package org.rectificationhub.parse;

import org.rectificationhub.canonical.RoundRegistration.Round;

import java.time.Clock;
import java.util.Optional;

/**
 * What a channel knows about an input besides its bytes.
 *
 * @param department     the sending department: the documents' department field
 * @param roundId        the round the input belongs to when it does not say (a --round option, Department.round)
 * @param declaredCharset the charset a mail part declares, or null to detect
 * @param rounds         the rounds the hub already knows, so a ledger can reuse its round's registration
 * @param limits         size, row and text limits
 * @param clock          "now" for inputs without a date of their own
 */
public record ParseContext(String department, String roundId, String declaredCharset, RoundLookup rounds,
                           ParseLimits limits, Clock clock) {

    /** Finds registered rounds by id, or by team and inspected organisation. */
    public interface RoundLookup {
        Optional<Round> byId(String roundId);

        Optional<Round> byTeamAndOrg(String inspectionTeam, String inspectedOrg);

        /** The round registered for this inspection (team, organisation, feedback date), under whatever id. */
        default Optional<Round> byIdentity(String inspectionTeam, String inspectedOrg,
                                           java.time.LocalDate feedbackDate) {
            return byTeamAndOrg(inspectionTeam, inspectedOrg).filter(r -> feedbackDate.equals(r.feedbackDate()));
        }

        RoundLookup NONE = new RoundLookup() {
            @Override
            public Optional<Round> byId(String roundId) {
                return Optional.empty();
            }

            @Override
            public Optional<Round> byTeamAndOrg(String inspectionTeam, String inspectedOrg) {
                return Optional.empty();
            }
        };
    }

    public ParseContext {
        rounds = rounds == null ? RoundLookup.NONE : rounds;
        limits = limits == null ? ParseLimits.DEFAULTS : limits;
        clock = clock == null ? Clock.systemUTC() : clock;
    }

    public static ParseContext of(String department, String roundId) {
        return new ParseContext(department, roundId, null, RoundLookup.NONE, ParseLimits.DEFAULTS, Clock.systemUTC());
    }
}
