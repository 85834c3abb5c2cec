package org.rectificationhub.delivery;

import org.rectificationhub.Retries;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.rectificationhub.Databases;
import org.rectificationhub.ingest.IntakeLoad;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One relay per delivery target (routes/delivery-relay.camel.yaml ticks them). Each target runs on its own thread,
 * so a target that hangs or stays down never holds back another, and the intake never waits on any of them.
 */
@Component("deliveryRelays")
public class DeliveryRelays implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRelays.class);
    private static final int MAX_BATCHES_PER_TICK = 50;

    private final Map<String, OutboxRelay> relays = new LinkedHashMap<>();
    private final Map<String, ExecutorService> threads = new LinkedHashMap<>();
    private final Map<String, AtomicBoolean> running = new ConcurrentHashMap<>();
    private final Map<String, Instant> failingSince = new ConcurrentHashMap<>();
    private final Map<String, String> lastError = new ConcurrentHashMap<>();
    /**
     * A target that refused a batch of several rounds whole looks down: it rests (an in-memory back-off), so an
     * outage does not try, and in the end park, every row; any delivery ends the rest.
     */
    private final Map<String, Instant> restingUntil = new ConcurrentHashMap<>();
    private final Map<String, Integer> refusedInARow = new ConcurrentHashMap<>();
    private final Map<String, DeliveryTarget> targets = new LinkedHashMap<>();
    private final Retries retries;
    private final OutboxState state;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    /** Null where relays are built without the hub around them (tests): they never yield. */
    private final IntakeLoad load;

    @Autowired
    DeliveryRelays(ObjectProvider<DeliveryTarget> provided, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                   MeterRegistry meters, @Value("${hub.delivery.batch:200}") int batch,
                   Retries retries, IntakeLoad load) {
        this(provided.orderedStream().toList(), jdbc, transactions, meters, batch, retries, load);
    }

    DeliveryRelays(List<DeliveryTarget> targets, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                   MeterRegistry meters, int batch, Retries retries, IntakeLoad load) {
        this.load = load;
        this.retries = retries;
        this.state = new OutboxState(jdbc);
        this.meters = meters;
        boolean postgres = Databases.isPostgres(jdbc);
        for (DeliveryTarget target : targets) {
            this.targets.put(target.name(), target);
            relays.put(target.name(), new OutboxRelay(target, jdbc, transactions, postgres, batch, retries, clock));
            threads.put(target.name(), Executors.newSingleThreadExecutor(r -> new Thread(r, "relay-" + target.name())));
            running.put(target.name(), new AtomicBoolean());
            Gauge.builder("hub.delivery.lag.seconds", state, s -> s.oldestPendingAgeSeconds(target.name(), clock))
                    .description("age of the oldest entry not yet delivered to the target").tag("target", target.name())
                    .register(meters);
            Gauge.builder("hub.delivery.pending", state, s -> s.pending(target.name()))
                    .description("entries not yet delivered to the target").tag("target", target.name()).register(meters);
        }
    }

    /**
     * Starts a round for every target that is not still busy with its last one, unless the intake is in a burst
     * (IntakeLoad): the entries wait in the outbox, and the cores commit what the departments send.
     */
    public void tick() {
        if (load != null && load.fanOutShouldYield()) {
            return;
        }
        Instant now = clock.instant();
        relays.forEach((name, relay) -> {
            Instant rest = restingUntil.get(name);
            if ((rest == null || !now.isBefore(rest)) && running.get(name).compareAndSet(false, true)) {
                threads.get(name).submit(() -> drain(relay));
            }
        });
    }

    /** Runs each target's relay until it is idle, on the caller's thread (tests, and shutdown-free use). */
    public void drainAll() {
        relays.values().forEach(this::drain);
    }

    private void drain(OutboxRelay relay) {
        String name = relay.target();
        try {
            for (int i = 0; i < MAX_BATCHES_PER_TICK; i++) {
                OutboxRelay.Round round = relay.relayOnce();
                if (round.failure() != null) {
                    failingSince.putIfAbsent(name, clock.instant());
                    lastError.put(name, round.failure());
                    counter(name, "failed").increment();
                    log.warn("Delivery to {} failed, will retry with back-off: {}", name, round.failure());
                    if (round.targetRefused()) {
                        int refused = refusedInARow.merge(name, 1, Integer::sum);
                        restingUntil.put(name, clock.instant().plus(retries.backOff(refused)));
                        return;
                    }
                    if (round.delivered() == 0) {
                        return;
                    }
                    refusedInARow.remove(name);
                    counter(name, "delivered").increment(round.delivered());
                } else if (round.delivered() > 0) {
                    refusedInARow.remove(name);
                    restingUntil.remove(name);
                    failingSince.remove(name);
                    lastError.remove(name);
                    counter(name, "delivered").increment(round.delivered());
                }
                if (round.drained()) {
                    return; // what came after the claim waits for the next tick: one claim per tick under a trickle
                }
            }
        } catch (RuntimeException e) {
            // The hub's own failure (database): the rows stay pending, the next tick tries again.
            log.warn("Relay for {} could not run: {}", name, e.toString());
        } finally {
            running.get(name).set(false);
        }
    }

    Optional<Instant> failingSince(String target) {
        return Optional.ofNullable(failingSince.get(target));
    }

    Optional<String> lastError(String target) {
        return Optional.ofNullable(lastError.get(target));
    }

    List<String> targets() {
        return List.copyOf(relays.keySet());
    }

    Optional<DeliveryTarget> target(String name) {
        return Optional.ofNullable(targets.get(name));
    }

    private Counter counter(String target, String outcome) {
        return Counter.builder("hub.delivery.entries").description("entries delivered or failed, by target")
                .tag("target", target).tag("outcome", outcome).register(meters);
    }

    @Override
    public void destroy() {
        threads.values().forEach(ExecutorService::shutdownNow);
    }
}
