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

import java.time.Clock;

/**
 * Operators sign in for the API and the management endpoints; the metrics user reads the Prometheus scrape and
 * nothing else; anonymous callers get health's status only (health shows components and details to operators,
 * see management.endpoint.health). Logins from an address with too many failures are answered 429.
 */
@Configuration
@ConditionalOnWebApplication // the offline verify command runs without a web server
class SecurityConfig {

    static final String OPERATOR = "OPERATOR";
    static final String METRICS = "METRICS";
    static final String COMMISSION = "COMMISSION";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, LoginThrottle throttle) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // the public site: plain files, public fields only (publish/DisclosurePolicy)
                        .requestMatchers("/public", "/public/**").permitAll()
                        .requestMatchers("/actuator/prometheus").hasAnyRole(OPERATOR, METRICS)
                        // confidential detail for the discipline commission, and for nobody else, operators included
                        .requestMatchers("/api/commission", "/api/commission/**").hasRole(COMMISSION)
                        .requestMatchers("/api/**", "/actuator/**").hasRole(OPERATOR)
                        .anyRequest().authenticated())
                // before the first filter that checks a password (form login, then HTTP Basic)
                .addFilterBefore(new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
                .httpBasic(Customizer.withDefaults())
                .formLogin(Customizer.withDefaults())
                // Scripts call the API with credentials in each request (HTTP Basic), which a forged cross-site
                // request cannot carry: only those skip the CSRF token. A browser session (form login) keeps it.
                .csrf(csrf -> csrf.ignoringRequestMatchers(SecurityConfig::isScriptCall))
                // Machines call the API and the management endpoints: they get 401, not a login page.
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), SecurityConfig::isMachineEndpoint));
        return http.build();
    }

    private static boolean isScriptCall(HttpServletRequest request) {
        return isMachineEndpoint(request) && request.getHeader("Authorization") != null;
    }

    private static boolean isMachineEndpoint(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/actuator/");
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
