package org.rectificationhub.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rectificationhub.HubApplication;
import org.rectificationhub.HubProperties;
import org.rectificationhub.support.HubFolders;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class PasswordRulesTest {

    private final Path dataDir = HubFolders.create().dataDir();

    private Logins logins(String operatorPassword, String metricsPassword) {
        return logins(operatorPassword, metricsPassword, "");
    }

    private Logins logins(String operatorPassword, String metricsPassword, String commissionPassword) {
        return new Logins(operatorPassword, metricsPassword, commissionPassword, new HubProperties(dataDir, "hub-1", List.of(),
                new HubProperties.Limits(DataSize.ofMegabytes(1), 10, 10, 1000, 1000)));
    }

    @Test
    void configuredPasswordsUnderTwelveCharactersAreRefusedNamingTheVariable() {
        assertThatThrownBy(() -> logins("eleven-char", "")).isInstanceOf(WeakPasswordException.class)
                .hasMessage("HUB_OPERATOR_PASSWORD has 11 characters; at least 12 are required");
        assertThatThrownBy(() -> logins("twelve-chars", "short")).isInstanceOf(WeakPasswordException.class)
                .hasMessage("HUB_METRICS_PASSWORD has 5 characters; at least 12 are required");
        assertThatThrownBy(() -> logins("twelve-chars", "", "short")).isInstanceOf(WeakPasswordException.class)
                .hasMessage("HUB_COMMISSION_PASSWORD has 5 characters; at least 12 are required");
        assertThat(logins("twelve-chars", "also-twelve!").operator().source()).isEqualTo("from HUB_OPERATOR_PASSWORD");
    }

    @Test
    void theHubRefusesToStartWithAWeakOperatorPasswordAndSaysWhyAndWhatToDo(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(HubApplication.class).run("--server.port=0",
                "--hub.data-dir=" + dataDir, "--hub.kafka.enabled=false", "--hub.mail.enabled=false",
                "--hub.operator.password=secret"))
                .hasRootCauseInstanceOf(WeakPasswordException.class);
        assertThat(output.getOut()).contains("The configured password is too weak: HUB_OPERATOR_PASSWORD has 6"
                + " characters; at least 12 are required.").contains("Set HUB_OPERATOR_PASSWORD to a longer password");
    }

    @Test
    void generatedPasswordsAreKeptInFilesOnlyTheHubCanReadAndAreNeverLogged(CapturedOutput output) throws Exception {
        Logins logins = logins("", "");

        for (Login login : List.of(logins.operator(), logins.metrics(), logins.commission())) {
            Path file = Path.of(login.source());
            assertThat(file.getParent()).isEqualTo(dataDir);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(Files.readString(file).strip()).isEqualTo(login.password()).hasSize(24);
            assertThat(output.getAll()).contains(file.toString()).doesNotContain(login.password());
        }
        assertThat(logins("", "").operator().password()).as("kept across restarts")
                .isEqualTo(logins.operator().password());
    }
}
