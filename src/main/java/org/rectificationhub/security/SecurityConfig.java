package org.rectificationhub.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.NullRequestCache;

import java.time.Clock;

/**
 * Operators sign in for the API and the management endpoints (HTTP Basic, for scripts) and for the console at /ops/
 * (a form, a session and its CSRF token); the metrics user reads the Prometheus scrape and nothing else; anonymous
 * callers get health's status only (health shows components and details to operators, see
 * management.endpoint.health). Logins a blocked client or account sends are refused before any password is checked
 * (LoginThrottleFilter). Who signs in: SignIns.
 */
@Configuration
@ConditionalOnWebApplication // the offline commands run without a web server
class SecurityConfig {

    static final String OPERATOR = Role.OPERATOR.name();
    static final String METRICS = Role.METRICS.name();
    static final String COMMISSION = Role.COMMISSION.name();
    /** The console's login page; its form posts here too. */
    static final String LOGIN_PAGE = "/ops/login";

    /**
     * Scripts: an API or management call that carries HTTP Basic credentials is authenticated by them alone (a
     * session cookie beside them is not read) and needs no CSRF token, since a forged cross-site request cannot
     * carry the header. Anything else, whatever other header it has, goes to the browser's chain below.
     */
    @Bean
    @Order(1)
    SecurityFilterChain scriptChain(HttpSecurity http, LoginGuard guard, ClientAddresses clients,
                                    AuthenticationDetailsSource<HttpServletRequest, WebAuthenticationDetails> details)
            throws Exception {
        http.securityMatcher(request -> isMachineEndpoint(request)
                        && isBasic(request.getHeader(HttpHeaders.AUTHORIZATION)))
                .authorizeHttpRequests(SecurityConfig::rules)
                .addFilterBefore(new LoginThrottleFilter(guard, clients), UsernamePasswordAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationDetailsSource(details)
                        .authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(
                        new RequestAttributeSecurityContextRepository()))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain browserChain(HttpSecurity http, LoginGuard guard, ClientAddresses clients,
                                     AuthenticationDetailsSource<HttpServletRequest, WebAuthenticationDetails> details)
            throws Exception {
        http.authorizeHttpRequests(SecurityConfig::rules)
                // before the first filter that checks a password (form login, then HTTP Basic)
                .addFilterBefore(new LoginThrottleFilter(guard, clients), UsernamePasswordAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationDetailsSource(details))
                .formLogin(form -> form.loginPage(LOGIN_PAGE).defaultSuccessUrl("/ops/")
                        .failureUrl(LOGIN_PAGE + "?error").authenticationDetailsSource(details))
                // back to the login page whatever the browser accepts (HTTP Basic's default would answer some with 204)
                .logout(logout -> logout.logoutUrl("/ops/logout").logoutSuccessHandler(signedOut()))
                .requestCache(cache -> cache.requestCache(consolePagesOnly()))
                // Machines call the API and the management endpoints, and the console's pages poll /ops/data/: they get
                // 401, not a login page (a poll's redirect would be remembered as the page to return to after login).
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), SecurityConfig::isMachineEndpoint)
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                                request -> path(request).startsWith("/ops/data/")));
        return http.build();
    }

    private static void rules(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                // the public site: plain files, public fields only (publish/DisclosurePolicy)
                .requestMatchers("/public", "/public/**").permitAll()
                .requestMatchers(LOGIN_PAGE, "/ops/assets/**").permitAll()
                .requestMatchers("/ops", "/ops/**").hasRole(OPERATOR)
                .requestMatchers("/actuator/prometheus").hasAnyRole(OPERATOR, METRICS)
                // confidential detail for the discipline commission, and for nobody else, operators included
                .requestMatchers("/api/commission", "/api/commission/**").hasRole(COMMISSION)
                .requestMatchers("/api/**", "/actuator/**").hasRole(OPERATOR)
                .anyRequest().authenticated();
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

    static boolean isBasic(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    private static boolean isMachineEndpoint(HttpServletRequest request) {
        String path = path(request);
        return path.startsWith("/api/") || path.startsWith("/actuator/");
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    @Bean
    ClientAddresses clientAddresses(@Value("${hub.trusted-proxies:}") String trustedProxies,
                                    @Value("${hub.client-address-header:X-Forwarded-For}") String header) {
        return new ClientAddresses(trustedProxies, header);
    }

    /** Logins are told apart by the client ClientAddresses names, in the throttle and in the security log. */
    @Bean
    AuthenticationDetailsSource<HttpServletRequest, WebAuthenticationDetails> clientDetails(ClientAddresses clients) {
        return request -> new WebAuthenticationDetails(clients.of(request),
                request.getSession(false) == null ? null : request.getSession(false).getId());
    }

    @Bean
    LoginGuard loginGuard(LoginProperties settings) {
        return new LoginGuard(settings, Clock.systemUTC());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return Accounts.ENCODER;
    }

    @Bean
    UserDetailsService users(Accounts accounts, Logins logins) {
        return new SignIns(accounts, logins);
    }
}
