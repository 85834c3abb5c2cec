package org.rectificationhub.ingest.file;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.rectificationhub.ingest.IngestReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of one poll of the inbox, taken together: their documents go to the ledger in one transaction instead of
 * one per file (a transaction's commit, a disk flush, bounded the channel at about one file per flush). Each file's
 * exchange is held, not completed, until that commit (routes/file-inbox.camel.yaml): Camel moves a file only when
 * its exchange completes, so nothing leaves the inbox before the ledger holds it.
 * <p>
 * The poll's end, told to this class as the consumer's poll strategy, takes what the poll handed over, in chunks
 * of at most {@code hub.file.read-bytes}, a file larger than a transaction on its own, each department's first file
 * first (the smaller first); the intake commits a chunk's documents in
 * transactions bounded in bytes. A file that cannot be read fails alone; one the hub fails on otherwise (a
 * department's broken mapping, a reader's defect) is tried again and then parked, alone, and leaves the inbox once it
 * is kept in quarantine. Should the database fail (transiently), every file of the chunk fails, the error handling
 * retries each file on its own, and what still fails stays in the inbox.
 */
@Component("inboxBatch")
class InboxBatch extends AsyncProcessorSupport implements PollingConsumerPollStrategy {

    private static final Logger log = LoggerFactory.getLogger(InboxBatch.class);

    private record Held(Exchange exchange, AsyncCallback callback) {
    }

    private record Read(Held held, InboxFiles.Dropped dropped) {
    }

    private final InboxFiles files;
    private final InboxGate gate;
    /** What is read into memory at a time: a poll's 200 files at the input limit would not fit. */
    private final long readBytes;
    /**
     * A file larger than a transaction is taken on its own: it needs transactions of its own anyway, and the smaller
     * files of the poll (other departments' first) are recorded and moved without waiting for it.
     */
    private final long aloneBytes;
    private final List<Held> held = new ArrayList<>();

    InboxBatch(InboxFiles files, InboxGate gate, FileSettings settings,
               @Value("${hub.limits.max-transaction-bytes:4MB}") DataSize transactionBytes) {
        this.files = files;
        this.gate = gate;
        this.readBytes = settings.readBytes().toBytes();
        this.aloneBytes = transactionBytes.toBytes();
    }

    /** Holds a file of the poll under way; a file retried after a failure is taken at once, on its own. */
    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        if (exchange.getIn().getHeader(Exchange.REDELIVERED, false, Boolean.class)) {
            try {
                InboxFiles.Dropped dropped = files.read(path(exchange), name(exchange));
                done(new Read(new Held(exchange, callback), dropped), files.takeAll(List.of(dropped)).get(0), true);
            } catch (Exception e) {
                exchange.setException(e);
                callback.done(true);
            }
            return true;
        }
        synchronized (held) {
            held.add(new Held(exchange, callback));
        }
        return false;
    }

    /** A poll starts: each department's share of it is decided before the gate looks at a file. */
    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        gate.newPoll();
        return true;
    }

    /** The poll has handed over all its files: they are taken. */
    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        takeHeld();
    }

    /** The poll failed part way (the folder could not be listed): what it handed over is taken all the same. */
    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception e) {
        takeHeld();
        log.warn("Polling the inbox failed ({}); it is polled again after the delay", e.toString());
        return false;
    }

    private void takeHeld() {
        List<Held> taking;
        synchronized (held) {
            taking = new ArrayList<>(held);
            held.clear();
        }
        List<Read> chunk = new ArrayList<>();
        long bytes = 0;
        for (Held h : fairOrder(taking)) {
            // Decided by the size as listed, before the file is read: the chunk is taken first if it would not fit.
            boolean alone = size(h) > aloneBytes;
            if (!chunk.isEmpty() && (alone || bytes + size(h) > readBytes)) {
                take(chunk);
                chunk = new ArrayList<>();
                bytes = 0;
            }
            try {
                chunk.add(new Read(h, files.read(path(h.exchange()), name(h.exchange()))));
                bytes += chunk.get(chunk.size() - 1).dropped().input().size();
            } catch (Exception e) {
                failed(h, e);
            }
            if (alone) {
                take(chunk);
                chunk = new ArrayList<>();
                bytes = 0;
            }
        }
        take(chunk);
    }

    /**
     * Each department's first file of the poll, then each one's second, and so on, the smaller first among them: a
     * department that sends one small file waits for no other department's large one in the same poll. A
     * department's own files keep the poll's order (oldest first).
     */
    private static List<Held> fairOrder(List<Held> taking) {
        Map<String, Integer> taken = new HashMap<>();
        Map<Held, Integer> rank = new HashMap<>();
        for (Held h : taking) {
            rank.put(h, taken.merge(Path.of(name(h.exchange())).getName(0).toString(), 1, Integer::sum));
        }
        List<Held> ordered = new ArrayList<>(taking);
        ordered.sort(Comparator.comparing((Held h) -> rank.get(h)).thenComparing(InboxBatch::size));
        return ordered;
    }

    private static long size(Held h) {
        return h.exchange().getIn().getHeader(Exchange.FILE_LENGTH, 0L, Long.class);
    }

    private void take(List<Read> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        List<IngestReport> reports;
        try {
            reports = files.takeAll(chunk.stream().map(Read::dropped).toList());
        } catch (Exception e) {
            log.warn("{} file(s) not recorded ({}); each is tried again on its own", chunk.size(), e.toString());
            chunk.forEach(r -> failed(r.held(), e));
            return;
        }
        for (int i = 0; i < chunk.size(); i++) {
            done(chunk.get(i), reports.get(i), false);
        }
    }

    private void done(Read read, IngestReport report, boolean sync) {
        Exchange exchange = read.held().exchange();
        try {
            exchange.getIn().setBody(report);
            files.dispose(report, read.dropped(), name(exchange), exchange);
        } catch (RuntimeException e) {
            exchange.setException(e);
        }
        read.held().callback().done(sync);
    }

    private static void failed(Held h, Exception e) {
        h.exchange().setException(e);
        h.callback().done(false);
    }

    private static String path(Exchange exchange) {
        return exchange.getIn().getHeader("CamelFileAbsolutePath", String.class);
    }

    private static String name(Exchange exchange) {
        return exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
    }
}
