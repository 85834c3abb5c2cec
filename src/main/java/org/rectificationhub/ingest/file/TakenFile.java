package org.rectificationhub.ingest.file;

import org.apache.camel.Exchange;
import org.apache.camel.Ordered;
import org.apache.camel.support.SynchronizationAdapter;
import org.rectificationhub.DataDir;
import org.rectificationhub.DataDirPermissions;
import org.rectificationhub.ingest.SecurityEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * A file once Camel has moved it out of the inbox (run after the move: the last of the exchange's completions). Camel
 * renames whatever the inbox path holds at that moment, which a sender can have swapped since the hub read it (for a
 * pipe, a link, another file). In archive/ the file must be the bytes that were read and hashed, which the ledger
 * names: what was moved is compared with them, and if it differs it goes aside to error/ (renamed, never opened
 * unless a regular file) and the archive copy is written from the bytes read. Either way it ends 0600, not with
 * the sender's permissions.
 */
final class TakenFile extends SynchronizationAdapter {

    private static final Logger log = LoggerFactory.getLogger(TakenFile.class);

    private final Path moved;
    /** The bytes read and recorded, for a file archived; null for a rejected one (error/ keeps what was moved). */
    private final byte[] read;
    private final String department;
    /** Its name in the inbox (a safe name: the gate took it). */
    private final String shownName;
    private final Destinations destinations;
    private final SecurityEvents security;

    TakenFile(Path moved, byte[] read, String department, String shownName, Destinations destinations,
              SecurityEvents security) {
        this.moved = moved;
        this.read = read;
        this.department = department;
        this.shownName = shownName;
        this.destinations = destinations;
        this.security = security;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST; // after Camel's own completion, which moves the file
    }

    @Override
    public void onComplete(Exchange exchange) {
        try {
            if (read != null && !holdsWhatWasRead()) {
                replaceWithWhatWasRead();
            }
            DataDirPermissions.narrow(moved); // the sender's permissions are not the hub's
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the file moved to " + moved, e);
        }
    }

    private boolean holdsWhatWasRead() throws IOException {
        if (!Files.exists(moved, LinkOption.NOFOLLOW_LINKS)) {
            return false; // nothing to move any more (the guard moved a pipe put there aside first)
        }
        BasicFileAttributes attributes = Files.readAttributes(moved, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile() || attributes.size() != read.length) {
            return false;
        }
        try (InputStream in = Files.newInputStream(moved, LinkOption.NOFOLLOW_LINKS)) {
            return Arrays.equals(in.readNBytes(read.length + 1), read);
        }
    }

    private void replaceWithWhatWasRead() throws IOException {
        if (!Files.exists(moved, LinkOption.NOFOLLOW_LINKS)) {
            DataDir.writeNewPrivate(moved, read);
            return;
        }
        Path aside = destinations.next(Destinations.ERROR, department, shownName);
        Files.move(moved, aside, StandardCopyOption.ATOMIC_MOVE);
        DataDir.writeNewPrivate(moved, read);
        String reason = "it was replaced after the hub had read it (by another file, a link or a pipe); what the"
                + " hub read and recorded is archived as " + moved.getFileName() + ", this was not read";
        destinations.explain(aside, "File: " + shownName + "\nResult: not taken and not read; moved aside: " + reason
                + ".\n");
        security.unreadEntry("file", "replaced-after-read", department, department + "/" + shownName, reason);
        log.warn("{}/{} was replaced after it was read: the archive holds the bytes read, the replacement is in {}",
                department, shownName, aside);
    }
}
