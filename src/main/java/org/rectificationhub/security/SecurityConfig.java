package org.rectificationhub.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

import java.time.Clock;

/**
 * Operators sign in for the API and the management endpoints (HTTP Basic, for scripts) and for the console at /ops/
 * (a form, a session and its CSRF token); the metrics user reads the Prometheus scrape and nothing else; anonymous
 * callers get health's status only (health shows components and details to operators, see
 * management.endpoint.health). Logins from an address with too many failures are refused before any password is
 * checked (LoginThrottleFilter).
 */
@Configuration
@ConditionalOnWebApplication // the offline verify command runs without a web server
class SecurityConfig {

    static final String OPERATOR = "OPERATOR";
    static final String METRICS = "METRICS";
    static final String COMMISSION = "COMMISSION";
    /** The console's login page; its form posts here too. */
    static final String LOGIN_PAGE = "/ops/login";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, LoginThrottle throttle) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // the public site: plain files, public fields only (publish/DisclosurePolicy)
                        .requestMatchers("/public", "/public/**").permitAll()
                        .requestMatchers(LOGIN_PAGE, "/ops/assets/**").permitAll()
                        .requestMatchers("/ops", "/ops/**").hasRole(OPERATOR)
                        .requestMatchers("/actuator/prometheus").hasAnyRole(OPERATOR, METRICS)
                        // confidential detail for the discipline commission, and for nobody else, operators included
                        .requestMatchers("/api/commission", "/api/commission/**").hasRole(COMMISSION)
                        .requestMatchers("/api/**", "/actuator/**").hasRole(OPERATOR)
                        .anyRequest().authenticated())
                // before the first filter that checks a password (form login, then HTTP Basic)
                .addFilterBefore(new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
                .httpBasic(Customizer.withDefaults())
                .formLogin(form -> form.loginPage(LOGIN_PAGE).defaultSuccessUrl("/ops/")
                        .failureUrl(LOGIN_PAGE + "?error"))
                // back to the login page whatever the browser accepts (HTTP Basic's default would answer some with 204)
                .logout(logout -> logout.logoutUrl("/ops/logout").logoutSuccessHandler(signedOut()))
                .requestCache(cache -> cache.requestCache(consolePagesOnly()))
                // Scripts call the API with credentials in each request (HTTP Basic), which a forged cross-site
                // request cannot carry: only those skip the CSRF token. A browser session (form login) keeps it.
                .csrf(csrf -> csrf.ignoringRequestMatchers(SecurityConfig::isScriptCall))
                // Machines call the API and the management endpoints, and the console's pages poll /ops/data/: they get
                // 401, not a login page (a poll's redirect would be remembered as the page to return to after login).
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), SecurityConfig::isMachineEndpoint)
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                                request -> path(request).startsWith("/ops/data/")));
        return http.build();
    }

    /**
     * After login, back to the console page first asked for, and only to one: a script's refused call ends in an
     * error dispatch (/error), which the default cache remembered, and a login after it landed on the error page.
     */
    private static HttpSessionRequestCache consolePagesOnly() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(request -> "GET".equals(request.getMethod()) && path(request).startsWith("/ops/")
                && !path(request).startsWith("/ops/data/") && !path(request).startsWith("/ops/assets/"));
        return cache;
    }

    private static LogoutSuccessHandler signedOut() {
        SimpleUrlLogoutSuccessHandler handler = new SimpleUrlLogoutSuccessHandler();
        handler.setDefaultTargetUrl(LOGIN_PAGE + "?logout");
        return handler;
    }

    private static boolean isScriptCall(HttpServletRequest request) {
        return isMachineEndpoint(request) && request.getHeader("Authorization") != null;
    }

    private static boolean isMachineEndpoint(HttpServletRequest request) {
        String path = path(request);
        return path.startsWith("/api/") || path.startsWith("/actuator/");
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    @Bean
    LoginThrottle loginThrottle(LoginProperties settings) {
        return new LoginThrottle(settings, Clock.systemUTC());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(Logins logins, PasswordEncoder encoder) {
        return new InMemoryUserDetailsManager(user(logins.operator(), OPERATOR, encoder),
                user(logins.metrics(), METRICS, encoder), user(logins.commission(), COMMISSION, encoder));
    }

    private static UserDetails user(Login login, String role, PasswordEncoder encoder) {
        return User.withUsername(login.user()).password(encoder.encode(login.password())).roles(role).build();
    }
}
