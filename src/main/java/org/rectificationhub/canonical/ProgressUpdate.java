package org.rectificationhub.canonical;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** One department's report on one problem, or one measure of it; mirrors schemas/progress.v1.schema.json. */
public record ProgressUpdate(
        String schemaVersion,
        String kind,
        String updateId,
        String department,
        long sequence,
        OffsetDateTime reportedAt,
        String roundId,
        int problemNo,
        Integer measureSeq,
        Status status,
        String progress,
        LocalDate requestedDeadline,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Evidence> evidence,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Accountability> accountability,
        Exemption exemption) implements CanonicalDocument {

    public static final String KIND = "progress";

    public ProgressUpdate {
        evidence = List.copyOf(evidence == null ? List.of() : evidence);
        accountability = List.copyOf(accountability == null ? List.of() : accountability);
    }

    @JsonIgnore
    public boolean isExempt() {
        return exemption != null;
    }

    public record Evidence(String title, String reference) {
    }

    public record Accountability(String action, int count, BigDecimal amount,
                                 @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> subjects) {
        public Accountability {
            subjects = List.copyOf(subjects == null ? List.of() : subjects);
        }
    }

    public record Exemption(ExemptionGround ground, String approvedBy, LocalDate approvedOn, String note) {
    }
}
