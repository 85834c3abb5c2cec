package org.rectificationhub.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The databases the ledger is tested on: embedded H2, and real PostgreSQL from HUB_TEST_POSTGRES_URL (set by
 * .ci/run), else from Testcontainers when a Docker engine is present. Each test gets a fresh schema.
 */
public final class TestDatabases {

    public static final String POSTGRES_URL_VARIABLE = "HUB_TEST_POSTGRES_URL";

    private static volatile String containerUrl;

    private TestDatabases() {
    }

    /** The PostgreSQL JDBC URL to test against, or empty with the reason printed by the caller. */
    public static Optional<String> postgresUrl() {
        String url = System.getenv(POSTGRES_URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return Optional.of(url);
        }
        return Optional.ofNullable(containerUrl()).filter(u -> !u.isBlank());
    }

    public static String postgresMissingReason() {
        return "PostgreSQL tests skipped: " + POSTGRES_URL_VARIABLE
                + " is not set and no Docker engine is available for Testcontainers (.ci/run sets it)";
    }

    private static synchronized String containerUrl() {
        if (containerUrl == null) {
            containerUrl = "";
            try {
                if (org.testcontainers.DockerClientFactory.instance().isDockerAvailable()) {
                    var container = new org.testcontainers.containers.PostgreSQLContainer<>("postgres:16-alpine");
                    container.start();
                    containerUrl = container.getJdbcUrl() + "&user=" + container.getUsername() + "&password="
                            + container.getPassword();
                }
            } catch (Throwable noDocker) {
                containerUrl = "";
            }
        }
        return containerUrl;
    }

    public static String freshSchemaName() {
        return "hub_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    /** The base URL with currentSchema set, for a Spring context to use as spring.datasource.url. */
    public static String withSchema(String baseUrl, String schema) {
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static HikariDataSource h2() {
        return pool("jdbc:h2:mem:" + freshSchemaName() + ";DB_CLOSE_DELAY=-1", "h2");
    }

    public static HikariDataSource postgres(String baseUrl, String schema) {
        return pool(withSchema(baseUrl, schema), "postgresql", schema);
    }

    private static HikariDataSource pool(String url, String vendor, String... schema) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(8);
        HikariDataSource dataSource = new HikariDataSource(config);
        var flyway = Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor);
        if (schema.length > 0) {
            flyway.schemas(schema[0]).createSchemas(true);
        }
        flyway.load().migrate();
        return dataSource;
    }
}
