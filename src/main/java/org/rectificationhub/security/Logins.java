package org.rectificationhub.security;

import org.rectificationhub.DataDir;
import org.rectificationhub.HubProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The hub's logins: {@code operator} (the API and every management endpoint), {@code metrics} (reads
 * /actuator/prometheus only, so a scraper's password opens nothing else) and {@code commission} (reads the
 * commission's feed at /api/commission only; the operator's password does not open it). Each password comes from its variable
 * or, unset, is generated on the first run and kept in the data dir; a generated password is never logged, only
 * the file that holds it is named. Each is the role's shared login until a person has an account with that role
 * (Accounts): from then on people sign in by name and the shared login is off (SignIns).
 */
@Component
public class Logins {

    public static final String OPERATOR = "operator";
    public static final String METRICS = "metrics";
    public static final String COMMISSION = "commission";
    static final Set<String> CONFIGURED = Set.of(OPERATOR, METRICS, COMMISSION);
    /** Shorter configured passwords are refused: a guessable password is not made safe by the login throttle. */
    static final int MIN_PASSWORD_LENGTH = 12;
    private static final Logger log = LoggerFactory.getLogger(Logins.class);

    private final Login operator;
    private final Login metrics;
    private final Login commission;

    Logins(@Value("${hub.operator.password:}") String operatorPassword,
           @Value("${hub.metrics.password:}") String metricsPassword,
           @Value("${hub.commission.password:}") String commissionPassword, HubProperties properties) {
        // The data dir keeps these passwords and every input departments sent: closed to other local users,
        // whatever an earlier version of the hub left.
        Path dataDir = DataDir.keepPrivate(properties.dataDir().toAbsolutePath().normalize());
        this.operator = login(OPERATOR, Role.OPERATOR, operatorPassword, "HUB_OPERATOR_PASSWORD", dataDir,
                "operator-password.txt");
        this.metrics = login(METRICS, Role.METRICS, metricsPassword, "HUB_METRICS_PASSWORD", dataDir,
                "metrics-password.txt");
        this.commission = login(COMMISSION, Role.COMMISSION, commissionPassword, "HUB_COMMISSION_PASSWORD", dataDir,
                "commission-password.txt");
    }

    public Login operator() {
        return operator;
    }

    public Login metrics() {
        return metrics;
    }

    public Login commission() {
        return commission;
    }

    List<Login> all() {
        return List.of(operator, metrics, commission);
    }

    private static Login login(String user, Role role, String configured, String variable, Path dataDir,
                               String fileName) {
        if (!configured.isBlank()) {
            if (configured.length() < MIN_PASSWORD_LENGTH) {
                throw new WeakPasswordException(variable, configured.length(), MIN_PASSWORD_LENGTH);
            }
            return new Login(user, role, configured, "from " + variable);
        }
        Path file = dataDir.resolve(fileName);
        boolean generating = !Files.exists(file);
        Login login = new Login(user, role, DataDir.keptSecret(file), file.toString());
        if (generating) {
            log.warn("Generated a password for the user '{}'; kept in {}, readable by the hub's user only", user, file);
        }
        return login;
    }
}
