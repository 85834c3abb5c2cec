package org.rectificationhub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Answers a blocked login attempt (LoginGuard: its client, or its account from an unknown client) with 429 and
 * Retry-After before any password is checked, so that even the right password gets no answer about it; the
 * console's login form is sent back to its page, which says how long to wait. Requests without credentials pass
 * (they get 401 or the open health status): one client flooding wrong passwords cannot turn a shared proxy's health
 * checks off.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginGuard guard;
    private final ClientAddresses clients;

    LoginThrottleFilter(LoginGuard guard, ClientAddresses clients) {
        this.guard = guard;
        this.clients = clients;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> wait = presentsCredentials(request)
                ? guard.blocked(clients.of(request), accountNamed(request)) : Optional.empty();
        if (wait.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        if (isLoginForm(request)) {
            // a person at a browser: the login page again, with the wait, rather than a bare 429 text
            response.sendRedirect(request.getContextPath() + SecurityConfig.LOGIN_PAGE + "?blocked=" + seconds);
            return;
        }
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write(("Too many failed logins; try again in " + seconds + " seconds.\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The user name the request signs in with (HTTP Basic or the login form), or null. */
    private static String accountNamed(HttpServletRequest request) {
        if (isLoginForm(request)) {
            return request.getParameter("username");
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (!SecurityConfig.isBasic(header)) {
            return null;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            return pair.contains(":") ? pair.substring(0, pair.indexOf(':')) : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static boolean presentsCredentials(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null || isLoginForm(request);
    }

    private static boolean isLoginForm(HttpServletRequest request) {
        return "POST".equals(request.getMethod())
                && request.getRequestURI().equals(request.getContextPath() + SecurityConfig.LOGIN_PAGE);
    }
}
