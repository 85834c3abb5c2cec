package org.rectificationhub.security;

/**
 * A configured, shared login of the hub's HTTP side: its name, its role, its password (never shown) and where that
 * password comes from.
 */
public final class Login {

    private final String user;
    private final Role role;
    private final String password;
    private final String source;

    Login(String user, Role role, String password, String source) {
        this.user = user;
        this.role = role;
        this.password = password;
        this.source = source;
    }

    public String user() {
        return user;
    }

    public Role role() {
        return role;
    }

    String password() {
        return password;
    }

    /** Where an operator finds the password: the file it is kept in, or the variable it came from. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return user + " (password " + source + ")";
    }
}
