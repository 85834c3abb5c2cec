package org.rectificationhub;

import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The standalone ledger database's password: generated on the first run and kept in the data dir
 * (db-password.txt, 0600), so that a local user who cannot read the data dir cannot open the database through H2
 * either. Hubs before this one created the database with an empty password: on their data dir the first start
 * sets the kept one. Acts only on the database {@link StandaloneDefaults} chose; SPRING_DATASOURCE_URL is never
 * touched. It works on the datasource settings rather than in StandaloneDefaults because only when beans are
 * created is the run's data dir known (a test's dynamic properties arrive later) and logging ready.
 */
@Component
class EmbeddedDatabasePassword implements BeanPostProcessor, EnvironmentAware {

    static final String STANDALONE = "hub.standalone-database";
    static final String FILE = "db-password.txt";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabasePassword.class);

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof DataSourceProperties settings && environment.getProperty(STANDALONE, Boolean.class, false)
                && settings.getUrl() != null && settings.getUrl().startsWith("jdbc:h2:file:")) {
            Path dataDir = Path.of(environment.getProperty("hub.data-dir", "./data")).toAbsolutePath().normalize();
            DataDir.keepPrivate(dataDir);
            // H2's own files (ledger.mv.db, trace files) are created with the umask: the folder keeps them private,
            // DataDirPermissions narrows them, and the trace file, which H2 creates at its first error (the try of
            // the empty password below, a failure at close), is created 0600 here first: H2 appends to it.
            DataDir.keepPrivate(dataDir.resolve("db"));
            DataDir.appendPrivate(Path.of(settings.getUrl().substring("jdbc:h2:file:".length()).split(";")[0]
                    + ".trace.db"), "");
            String password = DataDir.keptSecret(dataDir.resolve(FILE));
            protect(settings.getUrl(), settings.getUsername(), password);
            settings.setPassword(password);
        }
        return bean;
    }

    /**
     * Tries the kept password first, so a normal start costs no refused login (H2 delays those); a database that
     * does not exist yet is created by the pool with the kept password.
     */
    static void protect(String url, String user, String password) {
        if (!user.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalStateException("the standalone database user must be a plain name, not '" + user + "'");
        }
        String existing = url + ";IFEXISTS=TRUE";
        try (Connection ignored = DriverManager.getConnection(existing, user, password)) {
            return;
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1) {
                return;
            }
            if (e.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD) {
                throw new IllegalStateException("cannot open the ledger database " + url, e);
            }
        }
        try (Connection connection = DriverManager.getConnection(existing, user, "");
             Statement statement = connection.createStatement()) {
            // DDL takes no parameters; the generated password has letters and digits only, quotes doubled anyway.
            statement.execute("ALTER USER " + user + " SET PASSWORD '" + password.replace("'", "''") + "'");
            log.warn("The ledger database had no password: it now has the one kept in {}", FILE);
        } catch (SQLException e) {
            throw new IllegalStateException("The ledger database " + url + " refuses the password kept in " + FILE
                    + " (and the empty one of earlier versions): restore that file from a backup", e);
        }
    }
}
