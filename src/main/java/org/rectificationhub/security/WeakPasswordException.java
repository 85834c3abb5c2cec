package org.rectificationhub.security;

/** A configured password too short to be let in: the hub refuses to start rather than serve with it. */
class WeakPasswordException extends IllegalStateException {

    private final String variable;

    WeakPasswordException(String variable, int length, int minimum) {
        super(variable + " has " + length + " characters; at least " + minimum + " are required");
        this.variable = variable;
    }

    String variable() {
        return variable;
    }
}
