package org.rectificationhub.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The login throttle (prefix {@code hub.login}); see LoginGuard.
 *
 * @param maxFailures        failed logins from one client within the window that block it
 * @param accountMaxFailures failed logins naming one account, from any clients, within the window that block the
 *                           account for clients it has not lately signed in from
 * @param window             how far back failed logins count
 * @param block              how long a blocked client (or account) is answered 429, whatever password it sends
 */
@ConfigurationProperties("hub.login")
record LoginProperties(
        @DefaultValue("10") int maxFailures,
        @DefaultValue("20") int accountMaxFailures,
        @DefaultValue("1m") Duration window,
        @DefaultValue("5m") Duration block) {
}
