package org.rectificationhub.ingest.file;

import org.rectificationhub.department.Department;
import org.rectificationhub.department.Departments;
import org.rectificationhub.ingest.Backlog;
import org.rectificationhub.ingest.ChannelWatch;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The file channel's backlog: per department, the files waiting in its inbox folder that the channel will take
 * (regular files; never temporary names, which are still being written, nor Camel's markers), and when the
 * oldest of them was last written. Read from the folders themselves, without following links; at most
 * {@value #LOOKED_AT} entries a folder, so a flooded inbox costs the console no more than that.
 */
@Component
class InboxWatch implements ChannelWatch {

    static final int LOOKED_AT = 100_000;

    private final Destinations destinations;
    private final InboxGate gate;
    private final Departments departments;
    private final Clock clock;

    InboxWatch(Destinations destinations, InboxGate gate, Departments departments, Clock clock) {
        this.destinations = destinations;
        this.gate = gate;
        this.departments = departments;
        this.clock = clock;
    }

    @Override
    public String channel() {
        return "file";
    }

    @Override
    public Backlog backlog() {
        Map<String, Backlog.Waiting> waiting = new LinkedHashMap<>();
        for (Department department : departments.all()) {
            waiting.put(department.id(), waiting(destinations.inbox().resolve(department.id())));
        }
        return new Backlog(channel(), Backlog.RUNNING, "files", "inbox folders under " + destinations.inbox(),
                waiting, null, clock.instant());
    }

    private Backlog.Waiting waiting(Path folder) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return new Backlog.Waiting(0, null, null, "no folder " + folder);
        }
        long count = 0;
        int looked = 0;
        Instant oldest = null;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path path : entries) {
                if (++looked > LOOKED_AT) {
                    return new Backlog.Waiting(count, oldest, null, "the first " + LOOKED_AT + " entries looked at");
                }
                InboxEntry entry;
                try {
                    entry = InboxEntry.read(path);
                } catch (IOException takenMeanwhile) {
                    continue;
                }
                if (entry.attributes().isRegularFile() && !gate.ignores(entry.name())) {
                    count++;
                    Instant written = entry.attributes().lastModifiedTime().toInstant();
                    oldest = oldest == null || written.isBefore(oldest) ? written : oldest;
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Backlog.Waiting(count, oldest, null, "the folder could not be read: " + e);
        }
        return Backlog.Waiting.of(count, oldest);
    }
}
