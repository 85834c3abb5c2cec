package org.rectificationhub;

import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDatabasePasswordTest {

    @TempDir
    Path dataDir;

    private DataSourceProperties settingsOf(Map<String, Object> configured) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", configured));
        new StandaloneDefaults().postProcessEnvironment(environment, new SpringApplication());
        DataSourceProperties settings = new DataSourceProperties();
        settings.setUrl(environment.getProperty("spring.datasource.url"));
        settings.setUsername(environment.getProperty("spring.datasource.username"));
        settings.setPassword(environment.getProperty("spring.datasource.password"));
        EmbeddedDatabasePassword password = new EmbeddedDatabasePassword();
        password.setEnvironment(environment);
        return (DataSourceProperties) password.postProcessAfterInitialization(settings, "dataSourceProperties");
    }

    @Test
    void aDatabaseAnEarlierHubCreatedWithoutPasswordOpensOnlyWithTheKeptOneAfterwards() throws Exception {
        String url = "jdbc:h2:file:" + dataDir.resolve("db/ledger") + ";WRITE_DELAY=0";
        DriverManager.getConnection(url, "hub", "").close();

        DataSourceProperties settings = settingsOf(Map.of("hub.data-dir", dataDir.toString()));

        assertThat(settings.getUrl()).isEqualTo(url);
        String kept = DataDir.keptSecret(dataDir.resolve("db-password.txt"));
        assertThat(settings.getPassword()).isEqualTo(kept);
        DriverManager.getConnection(url, "hub", kept).close();
        assertThatThrownBy(() -> DriverManager.getConnection(url, "hub", "").close())
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.WRONG_USER_OR_PASSWORD));
        // a second start finds the kept password already set
        assertThat(settingsOf(Map.of("hub.data-dir", dataDir.toString())).getPassword()).isEqualTo(kept);
    }

    @Test
    void aNewDatabaseIsCreatedWithTheKeptPassword() throws Exception {
        DataSourceProperties settings = settingsOf(Map.of("hub.data-dir", dataDir.toString()));
        try (Connection ignored = DriverManager.getConnection(settings.getUrl(), "hub", settings.getPassword())) {
            assertThat(dataDir.resolve("db/ledger.mv.db")).exists();
        }
        assertThatThrownBy(() -> DriverManager.getConnection(settings.getUrl(), "hub", "").close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void aDatabaseNamedBySpringDatasourceUrlIsLeftAsConfigured() {
        String url = "jdbc:h2:file:" + dataDir.resolve("elsewhere/ledger");
        DataSourceProperties settings = settingsOf(Map.of("hub.data-dir", dataDir.toString(),
                "spring.datasource.url", url, "spring.datasource.password", ""));

        assertThat(settings.getUrl()).isEqualTo(url);
        assertThat(settings.getPassword()).isEmpty();
        assertThat(dataDir.resolve("db-password.txt")).doesNotExist();
    }
}
