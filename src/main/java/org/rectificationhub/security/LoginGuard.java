package org.rectificationhub.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing per client and per account without letting a guesser lock a person out. A client with
 * too many failures is blocked, whatever account it names. An account with too many failures, from however many
 * clients, is blocked only for clients it has not signed in from lately: the operator at their usual desk still
 * signs in while someone elsewhere guesses their password (at worst, at a desk never used before, they wait for
 * the block to end). Failures and known clients are kept in memory, per hub.
 */
class LoginGuard {

    /** What a failed login blocked. */
    record Blocked(boolean client, boolean account) {
    }

    /** How long a successful sign-in from a client vouches for it: long enough to cover a holiday. */
    static final Duration KNOWN_FOR = Duration.ofDays(30);
    /** Names as sent are the caller's text: bounded before they become keys. */
    private static final int MAX_NAME = 128;

    private final LoginProperties settings;
    private final Clock clock;
    private final LoginThrottle clients;
    private final LoginThrottle accounts;
    private final Map<String, Instant> known = bounded(LoginThrottle.MAX_KEYS);

    LoginGuard(LoginProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.clients = new LoginThrottle(settings.maxFailures(), settings.window(), settings.block(), clock);
        this.accounts = new LoginThrottle(settings.accountMaxFailures(), settings.window(), settings.block(), clock);
    }

    /**
     * How long this client must wait before naming this account again; empty when it may try.
     *
     * @param account the name as sent, or null when the request names none
     */
    Optional<Duration> blocked(String client, String account) {
        Optional<Duration> wait = clients.blocked(client);
        if (wait.isPresent() || account == null || isKnown(client, account)) {
            return wait;
        }
        return accounts.blocked(key(account));
    }

    Blocked failed(String client, String account) {
        return new Blocked(clients.failed(client), account != null && accounts.failed(key(account)));
    }

    synchronized void succeeded(String client, String account) {
        known.put(pair(client, account), clock.instant());
    }

    LoginProperties settings() {
        return settings;
    }

    private synchronized boolean isKnown(String client, String account) {
        Instant at = known.get(pair(client, account));
        return at != null && at.plus(KNOWN_FOR).isAfter(clock.instant());
    }

    private static String pair(String client, String account) {
        return key(account) + '\n' + client;
    }

    private static String key(String account) {
        return account.length() <= MAX_NAME ? account : account.substring(0, MAX_NAME);
    }

    /** A map that forgets its least recently used entry beyond the bound. */
    static <V> Map<String, V> bounded(int max) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }
}
