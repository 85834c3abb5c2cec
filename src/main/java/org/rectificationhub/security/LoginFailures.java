package org.rectificationhub.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.rectificationhub.ingest.Reasons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * Every failed login, told to the operators: logged with the remote address and the user name as sent (quoted,
 * bounded: it is the caller's text), counted as hub_security_events_total{channel="http",type="login-failed"}
 * beside the channels' security events, and handed to the throttle.
 */
@Component
@ConditionalOnWebApplication // logins exist only where there is a web server to log in to
class LoginFailures {

    private static final Logger log = LoggerFactory.getLogger(LoginFailures.class);

    private final LoginThrottle throttle;
    private final MeterRegistry registry;

    LoginFailures(LoginThrottle throttle, MeterRegistry registry) {
        this.throttle = throttle;
        this.registry = registry;
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        String remote = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null ? details.getRemoteAddress() : "unknown";
        // Behind a proxy that forwards the client's address, the address too is the caller's text.
        String address = remote.replaceAll("[^0-9A-Za-z.:%\\[\\]-]", "?");
        count("login-failed");
        log.warn("Security: failed login for user {} from {}", Reasons.quote(event.getAuthentication().getName()),
                address);
        if (throttle.failed(remote)) {
            count("login-blocked");
            LoginProperties settings = throttle.settings();
            log.warn("Security: {} failed logins from {} within {} s; its logins are answered 429 for {} s",
                    settings.maxFailures(), address, settings.window().toSeconds(), settings.block().toSeconds());
        }
    }

    private void count(String type) {
        Counter.builder("hub.security.events")
                .description("security events: identities refused on a channel, failed logins")
                .tag("channel", "http").tag("type", type)
                .register(registry).increment();
    }
}
