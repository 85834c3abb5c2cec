package org.rectificationhub.ingest.file;

import org.apache.camel.Exchange;
import org.rectificationhub.DataDir;
import org.rectificationhub.HubProperties;
import org.rectificationhub.department.Department;
import org.rectificationhub.ingest.IngestOutcome;
import org.rectificationhub.ingest.IngestReport;
import org.rectificationhub.ingest.Input;
import org.rectificationhub.ingest.Intake;
import org.rectificationhub.ingest.IsolatedIntake;
import org.rectificationhub.ingest.Reasons;
import org.rectificationhub.ingest.SecurityEvents;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The file-drop layout under the data dir: inbox/&lt;department&gt;/ for drops, archive/&lt;department&gt;/&lt;date&gt;/
 * for files whose documents are all recorded, error/&lt;department&gt;/&lt;date&gt;/ for the rest, each with a
 * .reason.txt beside it. Only what the {@link InboxGate} let through gets here.
 */
@Component("inboxFiles")
public class InboxFiles {

    static final String MOVE_TO = "hubMoveTo";

    private final Destinations destinations;
    private final InboxGate gate;
    private final Intake intake;
    private final IsolatedIntake isolated;
    private final SecurityEvents security;
    private final long maxBytes;

    InboxFiles(HubProperties properties, Destinations destinations, InboxGate gate, Intake intake,
               IsolatedIntake isolated, SecurityEvents security) {
        this.destinations = destinations;
        this.gate = gate;
        this.intake = intake;
        this.isolated = isolated;
        this.security = security;
        this.maxBytes = properties.limits().maxInputSize().toBytes();
        for (Department department : properties.departments()) {
            DataDir.createDirectories(destinations.inbox().resolve(department.id()));
        }
    }

    /** The department is the inbox folder the file was dropped in (CamelFileName is relative to inbox/). */
    private static String senderOf(String relativeName) {
        Path relative = Path.of(relativeName);
        return relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
    }

    /** A file read from its inbox, and the gate's reason to refuse it if the gate gave up waiting for it. */
    record Dropped(Input input, String refusal) {
    }

    /**
     * The file, as its folder's department; read whole only up to the size limit, and never through a link.
     */
    Dropped read(String absolutePath, String relativeName) throws IOException {
        Path file = Path.of(absolutePath);
        String refusal = gate.givenUp(file);
        return new Dropped(readInput(file, relativeName, refusal != null), refusal);
    }

    private Input readInput(Path file, String relativeName, boolean givenUp) throws IOException {
        String sender = senderOf(relativeName);
        String name = file.getFileName().toString();
        if (!InboxEntry.read(file).attributes().isRegularFile()) {
            // Swapped since the gate looked (a pipe would block the open): left for the guard to move aside.
            throw new IOException(relativeName + " is no longer a regular file");
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return Input.read("file", sender, relativeName, in, maxBytes, name)
                    .at(Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant());
        } catch (AccessDeniedException unreadable) {
            if (!givenUp) {
                throw unreadable;
            }
            return Input.of("file", sender, relativeName, new byte[0], name, Map.of())
                    .at(Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant());
        }
    }

    /**
     * Files through the one intake path, the documents of all committed together; a file the gate gave up
     * waiting for is quarantined with the gate's reason; one the hub keeps failing on is parked (kept whole in
     * quarantine, so it may leave the inbox like the others). Reports in order.
     */
    List<IngestReport> takeAll(List<Dropped> dropped) {
        List<IngestReport> taken = isolated.takeAll(dropped.stream().filter(d -> d.refusal() == null)
                .map(Dropped::input).toList());
        Iterator<IngestReport> each = taken.iterator();
        List<IngestReport> reports = new ArrayList<>(dropped.size());
        for (Dropped d : dropped) {
            reports.add(d.refusal() == null ? each.next() : intake.refuse(d.input(), d.refusal()));
        }
        return reports;
    }

    /**
     * Decides where the file goes once the exchange completes, and explains a rejection beside it; once Camel has
     * moved it, an archived file is checked to be the bytes read ({@link TakenFile}). Should the route fail instead
     * (the hub's own failure), the file stays in the inbox and is taken again.
     */
    void dispose(IngestReport report, Dropped dropped, String relativeName, Exchange exchange) {
        String folder = report.allRecorded() ? Destinations.ARCHIVE : Destinations.ERROR;
        Path relative = Path.of(relativeName);
        Path target = destinations.next(folder, senderOf(relativeName), relative.getFileName().toString());
        if (!report.allRecorded()) {
            destinations.explain(target, explain(relativeName, report));
        }
        exchange.getIn().setHeader(MOVE_TO, target.toString());
        exchange.getExchangeExtension().addOnCompletion(new TakenFile(target, report.allRecorded()
                ? dropped.input().bytes() : null, senderOf(relativeName), relative.getFileName().toString(),
                destinations, security));
    }

    private static String explain(String relativeName, IngestReport report) {
        StringBuilder text = new StringBuilder();
        text.append("File: ").append(relativeName).append('\n');
        if (report.parked()) {
            text.append("Result: PARKED: ").append(Reasons.PARKED).append(".\n\n");
        } else {
            text.append("Result: ").append(report.rejected()).append(" of ").append(report.outcomes().size())
                    .append(" document(s) rejected and quarantined; the others are recorded in the ledger.\n\n");
        }
        for (IngestOutcome outcome : report.outcomes()) {
            text.append("Document ").append(outcome.index());
            if (outcome.updateId() != null) {
                text.append(" (updateId ").append(outcome.updateId()).append(')');
            }
            text.append(": ").append(outcome.status().toUpperCase(Locale.ROOT));
            if (outcome.entryId() != null) {
                text.append(", ledger entry ").append(outcome.entryId());
            }
            if (outcome.quarantineId() != null) {
                text.append(", quarantine #").append(outcome.quarantineId());
            }
            text.append('\n');
            if (outcome.reason() != null) {
                text.append("  ").append(outcome.reason()).append('\n');
            }
        }
        return text.toString();
    }
}
