package org.rectificationhub.ingest.file;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.springframework.stereotype.Component;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Decides, entry by entry and without waiting, what the file consumer may take: department folders directly under
 * inbox/, and in them regular files with safe names that have settled. Links, special files, subfolders and unsafe
 * names are never taken (the {@link InboxGuard} moves them aside). A file still changing or unreadable is looked at
 * again on the next poll instead of being waited for, so it delays no other file; once it has been so for the lock
 * timeout it is let through with the reason it is refused, and the intake quarantines it. A poll takes of each
 * department only its share.
 */
@Component("inboxGate")
class InboxGate implements GenericFileFilter<File> {

    /** A hostile sender could make many files wait; past this many, every wait starts again. */
    private static final int MAX_WAITING = 10_000;

    private final Path inbox;
    private final Pattern exclude;
    private final long settleMillis;
    private final long timeoutMillis;
    private final Map<Path, Long> waitingSince = new ConcurrentHashMap<>();
    private final Map<Path, String> givenUp = new ConcurrentHashMap<>();
    private final InboxShares shares;

    InboxGate(Destinations destinations, FileSettings settings) {
        this.inbox = destinations.inbox();
        this.exclude = Pattern.compile(settings.exclude());
        this.settleMillis = settings.settleTime().toMillis();
        this.timeoutMillis = settings.lockTimeout().toMillis();
        this.shares = new InboxShares(settings.shareFiles(), settings.shareBytes().toBytes());
    }

    /** A poll starts: each department's share of it is decided ({@link InboxShares}). */
    void newPoll() {
        shares.newPoll(inbox, entry -> entry.attributes().isRegularFile() && !ignores(entry.name())
                && entry.refusal(true) == null);
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        Path path = file.getFile().toPath().toAbsolutePath().normalize();
        int depth = path.startsWith(inbox) ? inbox.relativize(path).getNameCount() : 0;
        InboxEntry entry;
        try {
            entry = InboxEntry.read(path);
        } catch (IOException vanished) {
            return false;
        }
        if (depth == 1) {
            return entry.isDirectory() && entry.refusal(false) == null;
        }
        return depth == 2 && !ignores(entry.name()) && entry.refusal(true) == null && shares.admits(path)
                && ready(entry);
    }

    /** Names never taken nor moved: hidden and temporary names (write so, then rename), Camel's lock markers. */
    boolean ignores(String name) {
        return name.startsWith(".") || name.endsWith(".camelLock") || exclude.matcher(name).matches();
    }

    /** The reason a file let through after the lock timeout is refused, once; null for a file that settled. */
    String givenUp(Path file) {
        return givenUp.remove(file.toAbsolutePath().normalize());
    }

    private boolean ready(InboxEntry entry) {
        long now = System.currentTimeMillis();
        boolean settled = entry.modifiedMillis() <= now - settleMillis;
        boolean readable = Files.isReadable(entry.path());
        if (settled && readable) {
            waitingSince.remove(entry.path());
            givenUp.remove(entry.path()); // given up on once, but not taken then (another hub held it): settled now
            return true;
        }
        if (waitingSince.size() > MAX_WAITING) {
            waitingSince.clear();
        }
        long since = waitingSince.computeIfAbsent(entry.path(), p -> now);
        if (now - since < timeoutMillis) {
            return false;
        }
        waitingSince.remove(entry.path());
        long seconds = Math.max(1, timeoutMillis / 1000);
        givenUp.put(entry.path(), readable
                ? "the file was still being written after " + seconds + " s (it changed within the last " + settleMillis
                        + " ms each time the hub looked); write it under a temporary name such as .name or name.tmp,"
                        + " then rename it"
                : "the file could not be read for " + seconds + " s (the hub has no permission to read it); give the"
                        + " hub read permission and put it back");
        return true;
    }
}
