package org.rectificationhub.security;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rectificationhub.HubApplication;
import org.rectificationhub.support.HubFolders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code account set|remove|list} on a standalone hub's (stopped) data dir: accounts are given with a password
 * read from the terminal or standard input, refused with the rule's words, and every change is in the audit log.
 */
class AccountCommandTest {

    private final Path dataDir = HubFolders.create().dataDir();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int account(String password, String... args) {
        out.reset();
        err.reset();
        // the command reads the hub's configuration like the hub: from the environment and system properties
        System.setProperty("hub.data-dir", dataDir.toString());
        try {
            String[] command = new String[args.length + 1];
            command[0] = AccountCommand.NAME;
            System.arraycopy(args, 0, command, 1, args.length);
            return AccountCommand.run(HubApplication.class, command, () -> password,
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        } finally {
            System.clearProperty("hub.data-dir");
        }
    }

    @AfterEach
    void noPropertyLeftBehind() {
        assertThat(System.getProperty("hub.data-dir")).isNull();
    }

    @Test
    void anAccountIsGivenListedAndRemovedAndEachChangeIsAudited() throws Exception {
        assertThat(account("alice-password-1", "set", "alice", "operator")).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("alice: created with the role operator");
        assertThat(account(null, "list")).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("alice\toperator\t");
        assertThat(account(null, "remove", "alice")).isEqualTo(0);
        assertThat(account(null, "remove", "alice")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused: no account 'alice'");

        List<Map<String, Object>> audit = auditLog();
        assertThat(audit).extracting(row -> row.get("ACTION")).containsExactly("account.set", "account.remove");
        assertThat(audit).extracting(row -> row.get("ACTOR"))
                .containsOnly("host:" + System.getProperty("user.name"));
        assertThat(audit.get(0).get("DETAIL")).isEqualTo("created with the role operator and a new password");
        assertThat(audit.toString()).doesNotContain("alice-password-1");
    }

    @Test
    void aWeakPasswordOrASharedLoginsNameIsRefusedAndAudited() throws Exception {
        assertThat(account("short", "set", "alice", "operator")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused: password: at least 12 characters");
        assertThat(account("a-long-password", "set", "operator", "operator")).isEqualTo(1);

        assertThat(auditLog()).extracting(row -> row.get("OUTCOME")).containsExactly("refused", "refused");
    }

    @Test
    void anUnknownRoleOrVerbIsAnsweredWithTheUsage() {
        assertThat(account("a-long-password", "set", "alice", "admin")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar rectification-hub.jar account set");
        assertThat(account(null, "grant", "alice")).isEqualTo(2);
    }

    private List<Map<String, Object>> auditLog() throws Exception {
        String password = Files.readString(dataDir.resolve("db-password.txt")).strip();
        SingleConnectionDataSource db = new SingleConnectionDataSource("jdbc:h2:file:"
                + dataDir.resolve("db").resolve("ledger"), "hub", password, true);
        try {
            return new JdbcTemplate(db).queryForList("select actor, action, outcome, detail from audit_log order by id");
        } finally {
            db.destroy();
        }
    }
}
