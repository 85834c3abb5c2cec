package org.rectificationhub.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The login throttle (prefix {@code hub.login}).
 *
 * @param maxFailures failed logins from one remote address within the window that block it
 * @param window      how far back failed logins count
 * @param block       how long a blocked address is answered 429, whatever password it sends
 */
@ConfigurationProperties("hub.login")
record LoginProperties(
        @DefaultValue("10") int maxFailures,
        @DefaultValue("1m") Duration window,
        @DefaultValue("5m") Duration block) {
}
