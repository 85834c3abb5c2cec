package org.rectificationhub.ingest.file;

import org.rectificationhub.DataDirPermissions;
import org.rectificationhub.ingest.SecurityEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Moves aside, unread, what the file channel never takes from a department's folder: a symbolic link, a special
 * file, a subfolder, a hard link, a file with an unsafe name. Each goes to error/&lt;department&gt;/&lt;date&gt;/
 * under a safe name with a reason beside it, is counted as a security event and logged. A rename moves the entry
 * itself (a link, not its target; a pipe without opening it; a folder without walking it), so nothing of it is read.
 * Moving rather than leaving it: the sender sees it leave the inbox with the reason, as with any rejected file, and
 * it is not met again on every poll. Entries directly under inbox/ are the operator's: refused by the
 * {@link InboxGate}, reported once here, never moved.
 */
@Component("inboxGuard")
class InboxGuard {

    private static final Logger log = LoggerFactory.getLogger(InboxGuard.class);
    private static final int MAX_REPORTED = 10_000;

    private final Destinations destinations;
    private final InboxGate gate;
    private final SecurityEvents security;
    private final Set<Path> reported = ConcurrentHashMap.newKeySet();

    InboxGuard(Destinations destinations, InboxGate gate, SecurityEvents security) {
        this.destinations = destinations;
        this.gate = gate;
        this.security = security;
    }

    /** One look at every department's folder; the route calls it as often as the file consumer polls. */
    public void sweep() throws IOException {
        if (!Files.isDirectory(destinations.inbox(), LinkOption.NOFOLLOW_LINKS)) {
            return; // the file consumer reports a missing inbox; nothing to guard
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(destinations.inbox())) {
            for (Path folder : folders) {
                InboxEntry entry = entryOrNull(folder);
                if (entry == null || gate.ignores(entry.name())) {
                    continue;
                }
                InboxEntry.Refusal refusal = entry.refusal(false);
                if (refusal != null) {
                    reportOnce(entry, "inbox", refusal, "left where it is: the inbox root is the operator's");
                } else if (entry.isDirectory()) {
                    sweepDepartment(folder);
                }
            }
        }
    }

    private void sweepDepartment(Path folder) {
        String department = folder.getFileName().toString();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path path : entries) {
                InboxEntry entry = entryOrNull(path);
                InboxEntry.Refusal refusal = entry == null || gate.ignores(entry.name()) ? null : entry.refusal(true);
                if (refusal != null) {
                    moveAside(department, entry, refusal);
                }
            }
        } catch (IOException vanished) {
            log.debug("{} could not be listed ({}); the next sweep looks again", folder, vanished.toString());
        }
    }

    private void moveAside(String department, InboxEntry entry, InboxEntry.Refusal refusal) {
        String source = department + "/" + SafeNames.shown(entry.name());
        Path target = destinations.next(Destinations.ERROR, department, SafeNames.safeVersion(entry.name()));
        try {
            Files.move(entry.path(), target, StandardCopyOption.ATOMIC_MOVE);
            DataDirPermissions.narrow(target); // a regular file keeps the sender's permissions otherwise
        } catch (IOException e) {
            reportOnce(entry, department, refusal, "left where it is: it could not be moved (" + e.getClass()
                    .getSimpleName() + ")");
            return;
        }
        destinations.explain(target, "File: " + SafeNames.shown(entry.name()) + "\nResult: not taken and not read;"
                + " moved aside: " + refusal.reason() + ".\n");
        security.unreadEntry("file", refusal.type(), department, source, refusal.reason() + "; moved to " + target);
    }

    private void reportOnce(InboxEntry entry, String department, InboxEntry.Refusal refusal, String what) {
        if (reported.size() > MAX_REPORTED) {
            reported.clear();
        }
        if (reported.add(entry.path())) {
            security.unreadEntry("file", refusal.type(), department, SafeNames.shown(entry.name()),
                    refusal.reason() + "; " + what);
        }
    }

    private static InboxEntry entryOrNull(Path path) {
        try {
            return InboxEntry.read(path);
        } catch (IOException vanished) {
            log.debug("{} vanished while the inbox was swept", path);
            return null;
        }
    }
}
