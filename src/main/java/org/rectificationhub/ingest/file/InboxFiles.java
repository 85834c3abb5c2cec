package org.rectificationhub.ingest.file;

import org.apache.camel.Header;
import org.apache.camel.Headers;
import org.rectificationhub.DataDir;
import org.rectificationhub.HubProperties;
import org.rectificationhub.department.Department;
import org.rectificationhub.ingest.IngestOutcome;
import org.rectificationhub.ingest.IngestReport;
import org.rectificationhub.ingest.Input;
import org.rectificationhub.ingest.Intake;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The file-drop layout under the data dir: inbox/&lt;department&gt;/ for drops, archive/&lt;department&gt;/&lt;date&gt;/
 * for files whose documents are all recorded, error/&lt;department&gt;/&lt;date&gt;/ for the rest, each with a
 * .reason.txt beside it.
 */
@Component("inboxFiles")
public class InboxFiles {

    static final String MOVE_TO = "hubMoveTo";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HHmmss-SSS");

    private final Path dataDir;
    private final Intake intake;
    private final long maxBytes;
    private final Clock clock;

    InboxFiles(HubProperties properties, Intake intake) {
        this.dataDir = properties.dataDir().toAbsolutePath().normalize();
        this.intake = intake;
        this.maxBytes = properties.limits().maxInputSize().toBytes();
        this.clock = Clock.systemDefaultZone();
        for (Department department : properties.departments()) {
            DataDir.createDirectories(inbox().resolve(department.id()));
        }
    }

    public Path inbox() {
        return dataDir.resolve("inbox");
    }

    /** The department is the inbox folder the file was dropped in (CamelFileName is relative to inbox/). */
    public String senderOf(@Header("CamelFileName") String relativeName) {
        String normalized = relativeName.replace('\\', '/');
        int slash = normalized.indexOf('/');
        return slash < 0 ? "" : normalized.substring(0, slash);
    }

    /** The file through the one intake path, as its folder's department; read whole only up to the size limit. */
    public IngestReport take(InputStream body, @Header("CamelFileName") String relativeName) throws IOException {
        return intake.take(Input.read("file", senderOf(relativeName), relativeName, body, maxBytes,
                Path.of(relativeName).getFileName().toString()));
    }

    /**
     * Decides where the file goes once the exchange completes, and explains a rejection beside it. Should the
     * route fail instead (the hub's own failure), the file stays in the inbox and is taken again.
     */
    public void dispose(IngestReport report, @Header("CamelFileName") String relativeName,
                        @Headers Map<String, Object> headers) {
        Path target = target(report.allRecorded() ? "archive" : "error", relativeName);
        // Created here, not by Camel's move, so that the folders are private like the rest of the data dir.
        DataDir.createDirectories(target.getParent());
        if (!report.allRecorded()) {
            DataDir.writePrivate(target.resolveSibling(target.getFileName() + ".reason.txt"),
                    explain(relativeName, report));
        }
        headers.put(MOVE_TO, target.toString());
    }

    private Path target(String folder, String relativeName) {
        LocalDateTime now = LocalDateTime.now(clock);
        Path relative = Path.of(relativeName);
        Path department = relative.getNameCount() > 1 ? relative.getName(0) : Path.of("_unknown");
        return dataDir.resolve(folder).resolve(department).resolve(DAY.format(now))
                .resolve(STAMP.format(now) + "-" + relative.getFileName());
    }

    private static String explain(String relativeName, IngestReport report) {
        StringBuilder text = new StringBuilder();
        text.append("File: ").append(relativeName).append('\n');
        text.append("Result: ").append(report.rejected()).append(" of ").append(report.outcomes().size())
                .append(" document(s) rejected and quarantined; the others are recorded in the ledger.\n\n");
        for (IngestOutcome outcome : report.outcomes()) {
            text.append("Document ").append(outcome.index());
            if (outcome.updateId() != null) {
                text.append(" (updateId ").append(outcome.updateId()).append(')');
            }
            text.append(": ").append(outcome.status().toUpperCase(java.util.Locale.ROOT));
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
