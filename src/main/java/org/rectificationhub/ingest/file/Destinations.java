package org.rectificationhub.ingest.file;

import org.rectificationhub.DataDir;

import org.rectificationhub.HubProperties;
import org.rectificationhub.OutputText;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where the hub moves what it took from an inbox: archive/&lt;department&gt;/&lt;date&gt;/ or
 * error/&lt;department&gt;/&lt;date&gt;/, under a time-stamped name, with a .reason.txt beside a rejection. Every
 * path is normalized and must lie under its root before anything is moved or written there.
 */
@Component
class Destinations {

    static final String ARCHIVE = "archive";
    static final String ERROR = "error";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HHmmss-SSS");

    private final Path dataDir;
    private final Clock clock = Clock.systemDefaultZone();

    Destinations(HubProperties properties) {
        this.dataDir = properties.dataDir().toAbsolutePath().normalize();
    }

    Path inbox() {
        return dataDir.resolve("inbox");
    }

    /**
     * A new path for an entry of a department's inbox in archive/ or error/, its folder created. Never one that
     * exists: a rename would replace it, and two unsafe names can share one safe version in one millisecond.
     */
    Path next(String folder, String department, String name) {
        Path root = dataDir.resolve(folder);
        LocalDateTime now = LocalDateTime.now(clock);
        Path day = confined(root, root.resolve(department).resolve(DAY.format(now)));
        DataDir.createDirectories(day);
        String stamp = STAMP.format(now);
        Path target = confined(root, day.resolve(stamp + "-" + name));
        for (int n = 1; Files.exists(target, LinkOption.NOFOLLOW_LINKS); n++) {
            target = confined(root, day.resolve(stamp + "." + n + "-" + name));
        }
        return target;
    }

    /** Writes the reason beside a rejected file; what it quotes of the sender is neutralised, as in every output. */
    void explain(Path target, String text) {
        Path reason = confined(dataDir.resolve(ERROR),
                target.resolveSibling(target.getFileName() + SafeNames.REASON_SUFFIX));
        DataDir.writePrivate(reason, OutputText.neutralise(text));
    }

    /** The path, normalized, when it lies under root; a name that climbs out is the hub's defect, never followed. */
    static Path confined(Path root, Path path) {
        Path normalized = path.toAbsolutePath().normalize();
        Path base = root.toAbsolutePath().normalize();
        if (!normalized.startsWith(base) || normalized.equals(base)) {
            throw new IllegalStateException("refusing to move a file to " + normalized + ", outside " + root);
        }
        return normalized;
    }
}
