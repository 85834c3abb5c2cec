package org.rectificationhub.security;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The people who sign in by name: each account has a role and the hash of its password (bcrypt through Spring
 * Security's DelegatingPasswordEncoder, which names the scheme in the hash, so a stronger one can come later without
 * a reset). The names of the configured logins (operator, metrics, commission) are not given to accounts: a name
 * means one thing in the audit log.
 */
@Component
public class Accounts {

    /** One account as kept: never the password. */
    public record Account(String name, Role role, String passwordHash, OffsetDateTime changedAt) {
    }

    /** A name or password the hub will not take; the message says which rule. */
    public static final class Refused extends IllegalArgumentException {
        Refused(String message) {
            super(message);
        }
    }

    /** Lower case, starting with a letter or digit: what a person's name in the audit log looks like, and no more. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");
    static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private final JdbcTemplate jdbc;

    Accounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the account, or gives an existing one this role and password; true when it was created. */
    @Transactional
    public boolean set(String name, Role role, String password) {
        check(name, password);
        String hash = ENCODER.encode(password);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        if (jdbc.update("update hub_account set role = ?, password_hash = ?, changed_at = ? where name = ?",
                role.word(), hash, now, name) == 1) {
            return false;
        }
        jdbc.update("insert into hub_account (name, role, password_hash, changed_at) values (?,?,?,?)", name,
                role.word(), hash, now);
        return true;
    }

    /** True when there was such an account. */
    public boolean remove(String name) {
        return jdbc.update("delete from hub_account where name = ?", name) == 1;
    }

    public Optional<Account> find(String name) {
        return jdbc.query("select name, role, password_hash, changed_at from hub_account where name = ?",
                (rs, i) -> account(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class)), name).stream().findFirst();
    }

    public List<Account> list() {
        return jdbc.query("select name, role, password_hash, changed_at from hub_account order by name",
                (rs, i) -> account(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class)));
    }

    /** Whether anyone signs in by name with this role: then the role's shared, configured login is off. */
    public boolean anyWith(Role role) {
        Integer count = jdbc.queryForObject("select count(*) from hub_account where role = ?", Integer.class,
                role.word());
        return count != null && count > 0;
    }

    private static void check(String name, String password) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new Refused("name: 1 to 64 characters, lower-case letters, digits and . _ @ -, starting with a"
                    + " letter or digit");
        }
        if (Logins.CONFIGURED.contains(name)) {
            throw new Refused("name: '" + name + "' is the configured shared login's; give the person their own name");
        }
        if (password == null || password.length() < Logins.MIN_PASSWORD_LENGTH) {
            throw new Refused("password: at least " + Logins.MIN_PASSWORD_LENGTH + " characters");
        }
    }

    private static Account account(String name, String role, String hash, OffsetDateTime changedAt) {
        return new Account(name, Role.of(role).orElseThrow(() -> new IllegalStateException(
                "account '" + name + "' has an unknown role '" + role + "'")), hash, changedAt);
    }
}
