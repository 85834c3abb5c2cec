package org.rectificationhub.security;

import org.rectificationhub.HubProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The operator's password: HUB_OPERATOR_PASSWORD when set; otherwise one generated on the first run, printed
 * once and kept in the data dir so that restarts keep it.
 */
@Component
public class OperatorCredentials {

    public static final String USER = "operator";
    private static final Logger log = LoggerFactory.getLogger(OperatorCredentials.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    private final String password;
    private final Path file;

    OperatorCredentials(@Value("${hub.operator.password:}") String configured, HubProperties properties) {
        this.file = properties.dataDir().toAbsolutePath().normalize().resolve("operator-password.txt");
        this.password = configured.isBlank() ? storedOrGenerated() : configured;
    }

    String password() {
        return password;
    }

    /** Where a generated password is kept, or null when it comes from the environment. */
    public Path file() {
        return Files.exists(file) ? file : null;
    }

    private String storedOrGenerated() {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(file.getParent());
            String generated = generate();
            Files.writeString(file, generated + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the folder's own permissions protect it
            }
            // Printed this once; later starts only name the file.
            log.warn("\n\n  Generated operator password (user '{}'): {}\n  Kept in {}\n", USER, generated, file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the operator password in " + file, e);
        }
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
