package org.rectificationhub.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Who may sign in: a person's account (Accounts), else a configured shared login (Logins) while nobody has an
 * account with its role. Once one operator signs in by name, the shared {@code operator} login is refused, so the
 * audit log always names a person; the metrics scraper keeps its shared login as long as nobody is given that role.
 */
class SignIns implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(SignIns.class);

    private final Accounts accounts;
    private final Map<String, UserDetails> configured;
    private final Map<String, Role> configuredRoles;

    SignIns(Accounts accounts, Logins logins) {
        this.accounts = accounts;
        // hashed once: the configured passwords are not kept in a form a heap dump would show as they are
        this.configured = logins.all().stream().collect(Collectors.toMap(Login::user, login -> User
                .withUsername(login.user()).password(Accounts.ENCODER.encode(login.password()))
                .roles(login.role().name()).build()));
        this.configuredRoles = logins.all().stream().collect(Collectors.toMap(Login::user, Login::role));
    }

    @Override
    public UserDetails loadUserByUsername(String name) {
        var account = accounts.find(name);
        if (account.isPresent()) {
            return User.withUsername(account.get().name()).password(account.get().passwordHash())
                    .roles(account.get().role().name()).build();
        }
        UserDetails shared = configured.get(name);
        if (shared == null) {
            throw new UsernameNotFoundException("no such login");
        }
        Role role = configuredRoles.get(name);
        if (accounts.anyWith(role)) {
            log.warn("Security: the shared login '{}' is off because people sign in by name with the role {}",
                    name, role.word());
            throw new UsernameNotFoundException("shared login off");
        }
        return User.withUserDetails(shared).build();
    }
}
