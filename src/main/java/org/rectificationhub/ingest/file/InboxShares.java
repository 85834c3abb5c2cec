package org.rectificationhub.ingest.file;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Each department's turn on the file channel. At the start of every poll each department's folder gets a share:
 * its oldest files, at most {@code files} of them and {@code bytes} together (its oldest file whatever its size).
 * The poll takes nothing else, so a department's backlog (a month of ledgers, eight 18 MB arrays) is worked off a
 * share per poll while every other department's files are taken in the very poll that first finds them settled:
 * a flood delays another department's file by at most the one share of it that poll takes before it. Polls follow
 * one another at once while files are taken (the route is greedy), so the shares cost a backlog no waiting.
 */
final class InboxShares {

    private final int files;
    private final long bytes;
    private volatile Set<Path> admitted; // null until the first poll: everything may be taken

    InboxShares(int files, long bytes) {
        this.files = Math.max(1, files);
        this.bytes = bytes;
    }

    /** A poll starts: the share of every department folder under the inbox, of the entries the channel would take. */
    void newPoll(Path inbox, Predicate<InboxEntry> takable) {
        Set<Path> shares = new HashSet<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(inbox)) {
            for (Path folder : folders) {
                if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                    shares.addAll(shareOf(folder, takable));
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // The consumer meets the same trouble and reports it; without shares this poll takes what it finds.
            admitted = null;
            return;
        }
        admitted = shares;
    }

    boolean admits(Path file) {
        Set<Path> shares = admitted;
        return shares == null || shares.contains(file);
    }

    private List<Path> shareOf(Path folder, Predicate<InboxEntry> takable) throws IOException {
        List<InboxEntry> waiting = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path path : entries) {
                try {
                    InboxEntry entry = InboxEntry.read(path.toAbsolutePath().normalize());
                    if (takable.test(entry)) {
                        waiting.add(entry);
                    }
                } catch (IOException takenMeanwhile) {
                    // gone since the listing
                }
            }
        }
        waiting.sort(Comparator.comparingLong(InboxEntry::modifiedMillis).thenComparing(InboxEntry::name));
        List<Path> share = new ArrayList<>();
        long sum = 0;
        for (InboxEntry entry : waiting) {
            long size = entry.attributes().size();
            if (!share.isEmpty() && (share.size() >= files || sum + size > bytes)) {
                break;
            }
            share.add(entry.path());
            sum += size;
        }
        return share;
    }
}
