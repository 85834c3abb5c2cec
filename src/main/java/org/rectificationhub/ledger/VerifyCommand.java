package org.rectificationhub.ledger;

import org.rectificationhub.canonical.CanonicalJson;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code verify [--checkpoints FILE]…}: the full ledger check, offline, for auditors, against the database the hub
 * is configured for (SPRING_DATASOURCE_URL, or the standalone one in HUB_DATA_DIR). Starts no server, channel or
 * broker and changes nothing in the database. A copy of the checkpoints may be in any form the hub publishes
 * ({@link CheckpointCopy}); the report says which each was read as. Prints the report as JSON; exit 0 when the
 * ledger holds, 1 on a break, 2 when it could not be checked (usage, a copy that is none, database unreachable).
 */
public final class VerifyCommand {

    public static final String NAME = "verify";

    private VerifyCommand() {
    }

    public static int run(Class<?> application, String[] args, PrintStream out, PrintStream err) {
        List<Path> copies = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--checkpoints") && i + 1 < args.length && Files.isRegularFile(Path.of(args[i + 1]))) {
                copies.add(Path.of(args[++i]));
            } else {
                err.println("error: unexpected or unreadable argument '" + args[i] + "'");
                err.println("usage: java -jar rectification-hub.jar verify [--checkpoints FILE]...");
                return 2;
            }
        }
        List<Map<String, Object>> read = new ArrayList<>();
        for (Path copy : copies) {
            try {
                CheckpointCopy.Read form = CheckpointCopy.read(copy, checkpoint -> { });
                read.add(Map.of("file", copy.toString(), "form", form.form(), "checkpoints", form.checkpoints()));
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return 2;
            }
        }
        LedgerVerifier.Report report;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE).logStartupInfo(false)
                // As command-line arguments: they outrank application.yaml and the environment.
                .run("--hub.kafka.enabled=false", "--camel.main.auto-startup=false", "--spring.flyway.enabled=false",
                        "--hub.ledger.guard=false", "--hub.ledger.verify-at-startup=none", "--logging.level.root=WARN",
                        "--spring.main.banner-mode=off")) {
            report = context.getBean(LedgerVerifier.class).verify(copies);
        } catch (RuntimeException e) {
            // Not a verdict on the ledger: it could not be read (database unreachable or locked, bad copy).
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            err.println("error: the ledger could not be verified: " + cause.getMessage());
            return 2;
        }
        // Printed last, after the context has closed: the report is the command's final line.
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", report.ok());
        body.put("entries", report.entries());
        body.put("head", report.head());
        body.put("checkpoints", report.checkpoints());
        body.put("firstBrokenEntry", report.brokenAt());
        body.put("problem", report.problem());
        body.put("checkpointCopies", read);
        out.println(CanonicalJson.write(body));
        return report.ok() ? 0 : 1;
    }
}
