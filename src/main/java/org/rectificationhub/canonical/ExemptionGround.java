package org.rectificationhub.canonical;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** The five approved grounds for withholding an item from publication (巡视工作条例 art. 32). */
public enum ExemptionGround {
    STATE_SECRET("state-secret"),
    CASE_UNDER_REVIEW("case-under-review"),
    NEGATIVE_HYPE("negative-hype"),
    MASS_PETITION("mass-petition"),
    OTHER_SENSITIVE("other-sensitive");

    private final String code;

    ExemptionGround(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static ExemptionGround ofCode(String code) {
        return Arrays.stream(values())
                .filter(g -> g.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown exemption ground '" + code + "'"));
    }
}
