package org.rectificationhub.parse;

import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.SchemaValidator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code parse FILE [--department D] [--round ROUND_ID]}: what the hub would read from a file, for offices to check
 * before they send. Prints canonical JSON to stdout (exit 0) or the reasons to stderr (exit 1; 2 for usage). Starts
 * nothing: no server, broker or database.
 */
public final class ParseCommand {

    public static final String NAME = "parse";
    static final String DEFAULT_DEPARTMENT = "rectification-office";

    private ParseCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String file = null;
        String department = DEFAULT_DEPARTMENT;
        String round = null;
        for (int i = 1; i < args.length; i++) {
            if ((args[i].equals("--department") || args[i].equals("--round")) && i + 1 < args.length) {
                if (args[i].equals("--department")) {
                    department = args[++i];
                } else {
                    round = args[++i];
                }
            } else if (file == null && !args[i].startsWith("--")) {
                file = args[i];
            } else {
                return usage(err, "unexpected argument '" + args[i] + "'");
            }
        }
        if (file == null) {
            return usage(err, "no FILE given");
        }
        byte[] bytes;
        try {
            Path path = Path.of(file);
            if (Files.size(path) > ParseLimits.DEFAULTS.maxBytes()) {
                err.println(file + ": the file is larger than " + ParseLimits.DEFAULTS.maxBytes() + " bytes");
                return 1;
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            err.println(file + ": cannot read the file (" + e.getMessage() + ")");
            return 1;
        }
        ParseResult result = Parsers.parse(bytes, Path.of(file).getFileName().toString(), ParseContext.of(department, round));
        List<String> errors = new ArrayList<>(result.errors());
        for (CanonicalDocument doc : result.documents()) {
            out.println(CanonicalJson.write(doc));
            if (result.errors().isEmpty()) {
                errors.addAll(validate(doc));
            }
        }
        errors.forEach(e -> err.println("error: " + e));
        return errors.isEmpty() && !result.documents().isEmpty() ? 0 : 1;
    }

    /** Schema violations of a document, in the words every channel uses. */
    static List<String> validate(CanonicalDocument doc) {
        SchemaValidator.Checked checked = SchemaValidator.check(doc);
        return checked.valid() ? List.of() : List.of(checked.problem());
    }

    private static int usage(PrintStream err, String problem) {
        err.println("error: " + problem);
        err.println("usage: java -jar rectification-hub.jar parse FILE [--department DEPARTMENT_ID] [--round ROUND_ID]");
        return 2;
    }
}
