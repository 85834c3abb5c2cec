package org.rectificationhub;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one way the hub creates folders and files under its data dir: folders 0700, files 0600, each created with
 * those permissions, never narrowed afterwards, so there is no moment in which another local user could open
 * them. The data dir holds the ledger, the inputs departments sent and the passwords, all confidential.
 */
public final class DataDir {

    private static final Logger log = LoggerFactory.getLogger(DataDir.class);
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    private static final AtomicBoolean NON_POSIX_TOLD = new AtomicBoolean();

    private DataDir() {
    }

    /** The folder and its missing parents, created 0700; a folder that exists is left as it is. */
    public static Path createDirectories(Path dir) {
        try {
            return isPosix(dir) ? Files.createDirectories(dir, attribute(FOLDER)) : Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /**
     * A folder only the hub may enter: created 0700, or narrowed to 0700 when an earlier version of the hub left
     * it open to others (for those, the files inside were readable until now; this closes them from here on).
     */
    public static Path keepPrivate(Path dir) {
        createDirectories(dir);
        if (isPosix(dir)) {
            try {
                Set<PosixFilePermission> now = Files.getPosixFilePermissions(dir);
                if (!now.equals(FOLDER)) {
                    Files.setPosixFilePermissions(dir, FOLDER);
                    log.warn("Narrowed {} from {} to rwx------: it holds confidential data", dir,
                            PosixFilePermissions.toString(now));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot narrow the permissions of " + dir, e);
            }
        }
        return dir;
    }

    /** Writes the text to the file, creating it 0600 (and its folders 0700) or replacing what it held. */
    public static void writePrivate(Path file, String text) {
        try {
            write(file, text, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Replaces the file with the bytes at once: written 0600 beside it, then moved over it, so that a reader (a
     * visitor of the public site while it is regenerated) gets the old content or the new, never an empty file.
     */
    public static void replacePrivate(Path file, byte[] bytes) {
        replacePrivate(file, out -> out.write(bytes));
    }

    /** What writes a file's content as it goes, so a large file is never whole in memory. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** The same, the content written as it is made: the file is replaced at once when it is complete. */
    public static void replacePrivate(Path file, Content content) {
        Path beside = file.resolveSibling("." + file.getFileName() + ".new");
        try {
            write(beside, content, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(beside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Appends the text to the file, creating it 0600 (and its folders 0700) if it does not exist. */
    public static void appendPrivate(Path file, String text) {
        try {
            write(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** Writes a file that must not exist yet, creating it 0600 (and its folders 0700): a key is never replaced. */
    public static void writeNewPrivate(Path file, String text) {
        writeNewPrivate(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The same with bytes (a file archived as it was read). */
    public static void writeNewPrivate(Path file, byte[] bytes) {
        try {
            write(file, bytes, StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    /**
     * A secret kept in a file: read when the file exists, else generated (24 characters from a 55-letter
     * alphabet without look-alikes, about 139 bits) and written to a file created 0600 before the secret is in it.
     */
    public static String keptSecret(Path file) {
        try {
            if (!Files.exists(file)) {
                String generated = generate();
                try {
                    // CREATE_NEW: two hubs starting on one data dir at once must not each keep their own secret
                    write(file, generated + "\n", StandardOpenOption.CREATE_NEW);
                    return generated;
                } catch (FileAlreadyExistsException another) {
                    // the other one's is kept: read it
                }
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a secret in " + file, e);
        }
    }

    private static void write(Path file, String text, StandardOpenOption... create) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8), create);
    }

    private static void write(Path file, byte[] content, StandardOpenOption... create) throws IOException {
        write(file, out -> out.write(content), create);
    }

    private static void write(Path file, Content content, StandardOpenOption... create) throws IOException {
        createDirectories(file.toAbsolutePath().getParent());
        Set<OpenOption> options = new HashSet<>(List.of(create));
        options.add(StandardOpenOption.WRITE);
        try (SeekableByteChannel channel = isPosix(file) ? Files.newByteChannel(file, options, attribute(FILE))
                : Files.newByteChannel(file, options);
             OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024)) {
            content.writeTo(out);
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

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }

    /** Where permissions cannot be set (Windows, some network drives) the log says so, once. */
    private static boolean isPosix(Path path) {
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!posix && NON_POSIX_TOLD.compareAndSet(false, true)) {
            log.warn("The data dir is on a file system without POSIX permissions: the hub cannot make its folders"
                    + " and files private; protect {} with the file system's own access control", path);
        }
        return posix;
    }
}
