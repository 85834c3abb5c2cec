package org.rectificationhub.security;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rectificationhub.support.TestDatabases;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The accounts as kept, on H2 and on PostgreSQL. */
class AccountsTest {

    private HikariDataSource dataSource;

    private Accounts on(String vendor) {
        if (vendor.equals("postgresql")) {
            assumeTrue(TestDatabases.postgresUrl().isPresent(), TestDatabases.postgresMissingReason());
            dataSource = TestDatabases.postgres(TestDatabases.postgresUrl().orElseThrow(),
                    TestDatabases.freshSchemaName());
        } else {
            dataSource = TestDatabases.h2();
        }
        return new Accounts(new JdbcTemplate(dataSource));
    }

    @AfterEach
    void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anAccountKeepsItsRoleAndABcryptHashNeverThePassword(String vendor) {
        Accounts accounts = on(vendor);

        assertThat(accounts.set("alice", Role.OPERATOR, "alice-password-1")).isTrue();

        Accounts.Account alice = accounts.find("alice").orElseThrow();
        assertThat(alice.role()).isEqualTo(Role.OPERATOR);
        assertThat(alice.passwordHash()).startsWith("{bcrypt}$2").doesNotContain("alice-password-1");
        assertThat(Accounts.ENCODER.matches("alice-password-1", alice.passwordHash())).isTrue();
        assertThat(accounts.anyWith(Role.OPERATOR)).isTrue();
        assertThat(accounts.anyWith(Role.COMMISSION)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void settingAnAccountAgainChangesItsRoleAndPasswordAndRemovingItEndsIt(String vendor) {
        Accounts accounts = on(vendor);
        accounts.set("alice", Role.OPERATOR, "alice-password-1");

        assertThat(accounts.set("alice", Role.COMMISSION, "alice-password-2")).isFalse();

        Accounts.Account alice = accounts.find("alice").orElseThrow();
        assertThat(alice.role()).isEqualTo(Role.COMMISSION);
        assertThat(Accounts.ENCODER.matches("alice-password-2", alice.passwordHash())).isTrue();
        assertThat(accounts.list()).extracting(Accounts.Account::name).containsExactly("alice");
        assertThat(accounts.remove("alice")).isTrue();
        assertThat(accounts.remove("alice")).isFalse();
        assertThat(accounts.find("alice")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2"})
    void namesThatAreNoPersonsAndShortPasswordsAreRefusedSayingWhichRule(String vendor) {
        Accounts accounts = on(vendor);

        assertThatThrownBy(() -> accounts.set("operator", Role.OPERATOR, "a-long-password"))
                .isInstanceOf(Accounts.Refused.class).hasMessageContaining("configured shared login");
        assertThatThrownBy(() -> accounts.set("Alice\nforged", Role.OPERATOR, "a-long-password"))
                .hasMessageStartingWith("name: ");
        assertThatThrownBy(() -> accounts.set("alice", Role.OPERATOR, "short"))
                .hasMessage("password: at least 12 characters");
        assertThat(accounts.list()).isEmpty();
    }
}
