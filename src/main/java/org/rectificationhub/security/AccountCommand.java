package org.rectificationhub.security;

import org.rectificationhub.audit.AuditLog;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code account set NAME ROLE | remove NAME | list}: the people who sign in, kept in the database the hub is
 * configured for (SPRING_DATASOURCE_URL, or the standalone one in HUB_DATA_DIR, which the running hub holds: stop it
 * first). Whoever runs it has the hub's host and database, the only place accounts are given, so that no login can
 * hand itself another role. The password is read from the terminal, or the first line of standard input. Every
 * change is audited under the host user's name. Exit 0 when done, 1 when refused, 2 when it could not run.
 */
public final class AccountCommand {

    public static final String NAME = "account";
    private static final String USAGE = "usage: java -jar rectification-hub.jar account set NAME operator|commission"
            + "|metrics   (password from the terminal or standard input)\n"
            + "       java -jar rectification-hub.jar account remove NAME\n"
            + "       java -jar rectification-hub.jar account list";

    private AccountCommand() {
    }

    public static int run(Class<?> application, String[] args, Supplier<String> password, PrintStream out,
                          PrintStream err) {
        String verb = args.length > 1 ? args[1] : "";
        boolean wellFormed = switch (verb) {
            case "set" -> args.length == 4;
            case "remove" -> args.length == 3;
            case "list" -> args.length == 2;
            default -> false;
        };
        if (!wellFormed || (verb.equals("set") && Role.of(args[3]).isEmpty())) {
            err.println("error: unexpected arguments");
            err.println(USAGE);
            return 2;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE).logStartupInfo(false)
                // As command-line arguments: they outrank application.yaml and the environment. Flyway runs: the
                // accounts table may be newer than the last hub that started on this database.
                .run("--hub.kafka.enabled=false", "--hub.mail.enabled=false", "--camel.main.auto-startup=false",
                        "--hub.ledger.guard=false", "--hub.ledger.verify-at-startup=none",
                        "--logging.level.root=WARN", "--spring.main.banner-mode=off")) {
            Accounts accounts = context.getBean(Accounts.class);
            AuditLog audit = context.getBean(AuditLog.class);
            return switch (verb) {
                case "set" -> set(accounts, audit, args[2], Role.of(args[3]).orElseThrow(), password, out, err);
                case "remove" -> remove(accounts, audit, args[2], out, err);
                default -> list(accounts, out);
            };
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            err.println("error: the accounts could not be read or changed: " + cause.getMessage()
                    + (String.valueOf(cause.getMessage()).contains("locked")
                    ? " (a standalone hub running on this data dir holds its database: stop it first)" : ""));
            return 2;
        }
    }

    private static int set(Accounts accounts, AuditLog audit, String name, Role role, Supplier<String> password,
                           PrintStream out, PrintStream err) {
        String target = "account/" + name;
        try {
            boolean created = accounts.set(name, role, password.get());
            String said = (created ? "created with the role " : "given the role ") + role.word() + " and a new password";
            audit.record(actor(), "account.set", target, null, AuditLog.Outcome.DONE, said);
            out.println(name + ": " + said);
            return 0;
        } catch (Accounts.Refused refused) {
            audit.record(actor(), "account.set", target, null, AuditLog.Outcome.REFUSED, refused.getMessage());
            err.println("refused: " + refused.getMessage());
            return 1;
        }
    }

    private static int remove(Accounts accounts, AuditLog audit, String name, PrintStream out, PrintStream err) {
        if (!accounts.remove(name)) {
            err.println("refused: no account '" + name + "'");
            return 1;
        }
        audit.record(actor(), "account.remove", "account/" + name, null, AuditLog.Outcome.DONE, "removed");
        out.println(name + ": removed");
        return 0;
    }

    private static int list(Accounts accounts, PrintStream out) {
        accounts.list().forEach(account -> out.println(account.name() + "\t" + account.role().word() + "\t"
                + account.changedAt()));
        return 0;
    }

    /** The person at the host: the audit log's actor for what the command changed. */
    private static String actor() {
        return "host:" + System.getProperty("user.name", "unknown");
    }

    /** The password as a person types it (not echoed, twice), or the first line of standard input. */
    public static Supplier<String> fromTerminal() {
        return () -> {
            Console console = System.console();
            if (console != null) {
                char[] first = console.readPassword("Password: ");
                char[] again = console.readPassword("Again: ");
                if (first == null || again == null || !new String(first).equals(new String(again))) {
                    throw new Accounts.Refused("password: the two entries differ");
                }
                return new String(first);
            }
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                return line == null ? "" : line;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
