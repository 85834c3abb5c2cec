package org.rectificationhub.canonical;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Registers or amends an inspection round and its problem catalogue; mirrors schemas/round.v1.schema.json. */
public record RoundRegistration(
        String schemaVersion,
        String kind,
        String updateId,
        String department,
        long sequence,
        OffsetDateTime reportedAt,
        Round round,
        List<Problem> problems) implements CanonicalDocument {

    public static final String KIND = "round";
    /** Round ids as the schema allows them; with no "..", safe as a folder or file name wherever one is written. */
    private static final Pattern ROUND_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$");

    public static boolean isSafeRoundId(String roundId) {
        return roundId != null && ROUND_ID.matcher(roundId).matches() && !roundId.contains("..");
    }

    public RoundRegistration {
        problems = List.copyOf(problems == null ? List.of() : problems);
    }

    @JsonIgnore
    @Override
    public String roundId() {
        return round.roundId();
    }

    public record Round(
            String roundId,
            String inspectionTeam,
            String inspectedOrg,
            List<String> inspectedUnits,
            Period period,
            LocalDate feedbackDate,
            DeclaredTotals declaredTotals,
            Publication publication,
            Narrative narrative) {

        public Round {
            inspectedUnits = List.copyOf(inspectedUnits == null ? List.of() : inspectedUnits);
        }
    }

    public record Period(LocalDate from, LocalDate to) {
    }

    public record DeclaredTotals(
            Integer problems,
            Integer completed,
            Integer basicallyCompleted,
            Integer inProgress,
            Integer notCompleted,
            Double completionRate) {
    }

    public record Publication(
            Period commentPeriod,
            String phone,
            String email,
            String postalAddress,
            String postcode,
            String issuer,
            LocalDate issuedOn) {
    }

    public record Narrative(@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> mainResponsibility,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> nextSteps) {
        public Narrative {
            mainResponsibility = List.copyOf(mainResponsibility == null ? List.of() : mainResponsibility);
            nextSteps = List.copyOf(nextSteps == null ? List.of() : nextSteps);
        }
    }

    public record Problem(
            int problemNo,
            Category category,
            String title,
            String feedbackText,
            List<String> responsibleUnits,
            String responsibleLeader,
            String responsiblePerson,
            Deadline deadline,
            Status status,
            String progress,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> evidence,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> notes,
            List<Measure> measures) {

        public Problem {
            responsibleUnits = List.copyOf(responsibleUnits == null ? List.of() : responsibleUnits);
            evidence = List.copyOf(evidence == null ? List.of() : evidence);
            notes = notes == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(notes));
            measures = List.copyOf(measures == null ? List.of() : measures);
        }
    }

    public record Category(int no, String title) {
    }

    public record Measure(int seq, String text, Status status, String progress) {
    }
}
