package org.rectificationhub.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a login may open: operators the API, the console and management; the commission its feed; metrics the scrape. */
public enum Role {
    OPERATOR, COMMISSION, METRICS;

    /** As accounts and the {@code account} command write it: operator, commission, metrics. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Role> of(String word) {
        return Arrays.stream(values()).filter(role -> role.word().equals(word)).findFirst();
    }
}
