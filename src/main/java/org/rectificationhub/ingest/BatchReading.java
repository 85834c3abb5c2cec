package org.rectificationhub.ingest;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads the inputs of a batch on every core. Reading (parsing, mapping, schema validation) is the one stage of a
 * batch that uses no database and no broker, and a batch of 500 spent a sixth of its time in it on one core while
 * the other waited. The reader is already shared by the channels' threads. Readings come back in input order; a
 * failure of the hub's own (a ledger query while resolving a round) propagates as it would on one thread.
 */
@Component
class BatchReading implements DisposableBean {

    /** Fewer inputs than this are read on the caller's thread: handing them over would cost more than it saves. */
    private static final int MIN_PER_THREAD = 8;

    private final InputReader reader;
    private final int threads;
    private final ExecutorService helpers;

    BatchReading(InputReader reader) {
        this.reader = reader;
        this.threads = Runtime.getRuntime().availableProcessors();
        AtomicInteger n = new AtomicInteger();
        this.helpers = threads < 2 ? null : Executors.newFixedThreadPool(threads - 1, task -> {
            Thread thread = new Thread(task, "intake-read-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    List<List<Reading>> readAll(List<Input> inputs) {
        int parts = helpers == null ? 1 : Math.min(threads, inputs.size() / MIN_PER_THREAD);
        if (parts < 2) {
            return readSlice(inputs);
        }
        int size = (inputs.size() + parts - 1) / parts;
        List<Future<List<List<Reading>>>> others = new ArrayList<>(parts - 1);
        for (int from = size; from < inputs.size(); from += size) {
            List<Input> slice = inputs.subList(from, Math.min(inputs.size(), from + size));
            others.add(helpers.submit(() -> readSlice(slice)));
        }
        List<List<Reading>> readings = new ArrayList<>(inputs.size());
        readings.addAll(readSlice(inputs.subList(0, size)));
        for (Future<List<List<Reading>>> other : others) {
            readings.addAll(join(other));
        }
        return readings;
    }

    private List<List<Reading>> readSlice(List<Input> slice) {
        List<List<Reading>> readings = new ArrayList<>(slice.size());
        for (Input input : slice) {
            readings.add(reader.read(input));
        }
        return readings;
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void destroy() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }
}
