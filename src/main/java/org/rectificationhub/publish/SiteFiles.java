package org.rectificationhub.publish;

import org.rectificationhub.DataDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The site's files, through DataDir (folders 0700, files 0600): the hub itself serves them; a copy elsewhere is the
 * operator's. Each file is replaced at once, as visitors may read it while it is regenerated, and never outside the
 * site's folder.
 */
final class SiteFiles {

    private final Path site;

    SiteFiles(Path site) {
        this.site = site;
    }

    Path site() {
        return site;
    }

    void write(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    void write(Path file, byte[] bytes) {
        DataDir.replacePrivate(under(file), bytes);
    }

    /** A file written as it is made, never whole in memory. */
    void write(Path file, DataDir.Content content) {
        DataDir.replacePrivate(under(file), content);
    }

    /**
     * A problem placed under an exemption after its page was published: its pages go, with every other page in the
     * folder the round does not publish now; each one removed is told to {@code removed}.
     */
    void removeAllBut(Path folder, Set<Path> shown, Consumer<Path> removed) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.html")) {
            for (Path file : files) {
                if (!shown.contains(file)) {
                    Files.deleteIfExists(file);
                    removed.accept(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + folder, e);
        }
    }

    static String stylesheet() {
        try (InputStream in = SiteFiles.class.getResourceAsStream("site.css")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path under(Path file) {
        Path normal = file.normalize();
        if (!normal.startsWith(site)) {
            throw new IllegalArgumentException("not under the site folder: " + file);
        }
        return normal;
    }
}
