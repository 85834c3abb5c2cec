package org.rectificationhub.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused password into Boot's short start-up failure report instead of a bean-creation stack trace. */
class WeakPasswordFailureAnalyzer extends AbstractFailureAnalyzer<WeakPasswordException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, WeakPasswordException cause) {
        return new FailureAnalysis("The configured password is too weak: " + cause.getMessage() + ".",
                "Set " + cause.variable() + " to a longer password (e.g. `openssl rand -base64 18`), or unset it"
                        + " to have the hub generate one and keep it in the data dir.", cause);
    }
}
