package org.rectificationhub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Path;
import java.util.Map;

/**
 * Without production settings the hub runs on its own: the ledger is an embedded H2 database in the data dir.
 * SPRING_DATASOURCE_URL (PostgreSQL) replaces it; this source has the lowest precedence. Its password is not set
 * here: {@link EmbeddedDatabasePassword} generates and keeps it once the data dir of this run is known (a test's
 * dynamic properties arrive after this runs).
 */
public class StandaloneDefaults implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        Path dataDir = Path.of(environment.getProperty("hub.data-dir", "./data")).toAbsolutePath().normalize();
        // WRITE_DELAY=0: a commit reaches the file before the channel acknowledges the input, so killing the
        // process never loses an acknowledged document.
        String url = "jdbc:h2:file:" + dataDir.resolve("db").resolve("ledger") + ";WRITE_DELAY=0";
        environment.getPropertySources().addLast(new MapPropertySource("hubStandaloneDefaults", Map.of(
                "spring.datasource.url", url,
                "spring.datasource.username", "hub",
                "spring.datasource.password", "",
                EmbeddedDatabasePassword.STANDALONE, "true")));
    }

    @Override
    public int getOrder() {
        // after application.yaml is loaded, so hub.data-dir is known
        return Ordered.LOWEST_PRECEDENCE;
    }
}
