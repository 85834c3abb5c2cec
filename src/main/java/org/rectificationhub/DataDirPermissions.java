package org.rectificationhub;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the hub's embedded services create under the data dir with the process's umask (the H2 database's files,
 * the Kafka broker's log, segments and checkpoint files, which it rewrites every few seconds) is narrowed to the
 * hub's user: group and other permissions are taken away from files and folders, never anything added. The whole
 * data dir at start (what an earlier version left open too), db/ and kafka/ again every interval, the Kafka log as
 * the broker starts and once it has stopped. Between two passes a file Kafka or H2 just created can be 0644, inside
 * folders that are 0700 ({@link DataDir}); the Docker image closes that gap by starting the JVM under umask 077, and
 * so should any other way of running the hub. Links are never followed; the inbox is the senders' and is left alone.
 */
@Component("dataDirPermissions")
public class DataDirPermissions {

    private static final Logger log = LoggerFactory.getLogger(DataDirPermissions.class);
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path dataDir;

    DataDirPermissions(HubProperties properties) {
        this.dataDir = properties.dataDir().toAbsolutePath().normalize();
    }

    /**
     * The whole data dir once, beside the start rather than in its way: a data dir with 100,000 archived files took
     * 1.2 to 2.7 s (two loaded cores), which would hold back the hub's readiness.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void atStart() {
        Thread pass = new Thread(() -> {
            int narrowed = narrow(dataDir);
            if (narrowed > 0) {
                log.info("Narrowed {} file(s) and folder(s) under {} to the hub's user", narrowed, dataDir);
            }
        }, "data-dir-permissions");
        pass.setDaemon(true);
        pass.start();
    }

    /** The embedded services' folders again: the route calls this every interval. */
    public void tick() {
        narrow(dataDir.resolve("db"));
        narrow(dataDir.resolve("kafka"));
    }

    /**
     * Takes group and other permissions from a regular file, or from every file and folder under a folder but its
     * inbox/; links are left as they are. The count narrowed.
     */
    public static int narrow(Path root) {
        if (!root.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return 0;
        }
        if (Files.isRegularFile(root, LinkOption.NOFOLLOW_LINKS)) {
            return narrowOne(root);
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        Path inbox = root.resolve("inbox");
        int[] narrowed = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    if (dir.equals(inbox)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    narrowed[0] += narrowOne(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        narrowed[0] += narrowOne(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException gone) {
                    return FileVisitResult.CONTINUE; // a temporary file removed meanwhile
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot narrow the permissions under " + root, e);
        }
        return narrowed[0];
    }

    private static int narrowOne(Path path) {
        try {
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> kept = EnumSet.noneOf(PosixFilePermission.class);
            kept.addAll(now);
            if (!kept.removeAll(OTHERS)) {
                return 0;
            }
            Files.setPosixFilePermissions(path, kept);
            log.debug("Narrowed {} from {}", path, PosixFilePermissions.toString(now));
            return 1;
        } catch (IOException gone) {
            return 0; // removed meanwhile (a temporary file, a checkpoint being replaced)
        }
    }
}
