package org.rectificationhub.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.rectificationhub.ingest.Reasons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Every login, told to the throttle (LoginGuard), and every failed one to the operators: logged with the client
 * (ClientAddresses: behind a trusted proxy, the address it forwarded) and the user name as sent (quoted, bounded:
 * it is the caller's text), counted as hub_security_events_total{channel="http",type="login-failed"} beside the
 * channels' security events.
 */
@Component
@ConditionalOnWebApplication // logins exist only where there is a web server to log in to
class LoginFailures {

    private static final Logger log = LoggerFactory.getLogger(LoginFailures.class);

    private final LoginGuard guard;
    private final MeterRegistry registry;

    LoginFailures(LoginGuard guard, MeterRegistry registry) {
        this.guard = guard;
        this.registry = registry;
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        String client = client(event.getAuthentication());
        String user = event.getAuthentication().getName();
        // a forwarded address that is none is named as the proxy passed it: the caller's text too
        String address = client.replaceAll("[^0-9A-Za-z.:%\\[\\]-]", "?");
        count("login-failed");
        log.warn("Security: failed login for user {} from {}", Reasons.quote(user), address);
        LoginGuard.Blocked blocked = guard.failed(client, user);
        LoginProperties settings = guard.settings();
        if (blocked.client()) {
            count("login-blocked");
            log.warn("Security: {} failed logins from {} within {} s; its logins are answered 429 for {} s",
                    settings.maxFailures(), address, settings.window().toSeconds(), settings.block().toSeconds());
        }
        if (blocked.account()) {
            count("account-blocked");
            log.warn("Security: {} failed logins for user {} within {} s; for {} s it signs in only from clients it"
                    + " signed in from before", settings.accountMaxFailures(), Reasons.quote(user),
                    settings.window().toSeconds(), settings.block().toSeconds());
        }
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        guard.succeeded(client(event.getAuthentication()), event.getAuthentication().getName());
    }

    private static String client(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null ? details.getRemoteAddress() : "unknown";
    }

    private void count(String type) {
        Counter.builder("hub.security.events")
                .description("security events: identities refused on a channel, failed logins")
                .tag("channel", "http").tag("type", type)
                .register(registry).increment();
    }
}
