package org.rectificationhub;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Where a batch of inputs spends its time on the way in (hub_intake_batch_stage_seconds in Prometheus, by stage):
 * reading, each part of the ledger transaction, the receipts, the offsets. A profiler shows where the CPU goes but
 * not what a thread waits on; a batch that waits on its database shows here.
 */
@Component
public class BatchStages {

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public BatchStages(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records the time since {@code since} (System.nanoTime) under the stage; the time now, for the next stage. */
    public long lap(String stage, long since) {
        long now = System.nanoTime();
        timers.computeIfAbsent(stage, s -> Timer.builder("hub.intake.batch.stage")
                .description("Time a batch of inputs spent in each stage of the intake")
                .tag("stage", s)
                .register(registry)).record(now - since, TimeUnit.NANOSECONDS);
        return now;
    }
}
