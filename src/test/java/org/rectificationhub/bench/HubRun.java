package org.rectificationhub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.support.ChildHub;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hub under measurement: the packaged jar as a child JVM with its own KRaft broker (as the standalone run has
 * it, so its memory includes the broker's), the benchmark's departments, and H2 or PostgreSQL; started as the
 * Docker image starts it (extracted, with its class data archive: {@link StartUp}). Measures start-up,
 * idle memory, the drain of pre-produced records, an open-loop paced load with end-to-end latency, and file drops.
 */
final class HubRun implements AutoCloseable {

    private static final Pattern RECEIPTS = Pattern.compile("rectification\\.receipts\\..*");

    final ChildHub hub;
    final String brokers;
    final Path dataDir;
    double startupSeconds;
    long idleRssMb;

    /** @param extraJvmOptions options beside the standalone ones (e.g. a GC log) */
    HubRun(Path dataDir, Map<String, String> database, Path classArchive, String... extraJvmOptions) throws Exception {
        this.dataDir = dataDir;
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("hub.yaml"), BenchData.hubYaml());
        Map<String, String> env = new HashMap<>(database);
        int kafka = ChildHub.freePort();
        env.putAll(Map.of("HUB_KAFKA_PORT", String.valueOf(kafka), "HUB_KAFKA_CONTROLLER_PORT",
                String.valueOf(ChildHub.freePort()), "HUB_KAFKA_PARTITIONS", "2"));
        this.brokers = "localhost:" + kafka;
        this.hub = new ChildHub(dataDir, env);
        List<String> options = new ArrayList<>(ChildHub.defaultJvmOptions());
        options.add("-XX:SharedArchiveFile=" + classArchive);
        options.addAll(List.of(extraJvmOptions));
        if (Boolean.getBoolean("bench.jfr")) {
            // -Dbench.jfr=true: a CPU and allocation profile of the hub, written when it stops (hub.jfr)
            options.add("-XX:FlightRecorderOptions:stackdepth=256"); // Camel's stacks are deeper than the 64 default
            options.add("-XX:StartFlightRecording=filename=" + dataDir.resolve("hub.jfr")
                    + ",settings=profile,dumponexit=true");
        }
        hub.withJvmOptions(options.toArray(String[]::new));
    }

    HubRun start() throws Exception {
        long started = System.nanoTime();
        hub.start(Duration.ofSeconds(180));
        startupSeconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(5_000);
        idleRssMb = Proc.rssMb(hub.pid());
        return this;
    }

    /** Registers the rounds and waits for their receipts. */
    void register() throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer(); KafkaConsumer<String, byte[]> receipts = receipts()) {
            for (byte[] round : BenchData.rounds()) {
                producer.send(new ProducerRecord<>("rectification.updates.rectification-office", round));
            }
            producer.flush();
            awaitReceipts(receipts, r -> r.path("updateId").asText().startsWith("bench-register-"), BenchData.ROUNDS,
                    Duration.ofMinutes(2), null);
        }
    }

    private static final Pattern STAGE = Pattern.compile(
            "hub_intake_batch_stage_seconds_(sum|count)\\{[^}]*stage=\"([^\"]+)\"[^}]*} ([0-9.eE+-]+)");

    /** Seconds and counts of the intake's batch stages so far, from the hub's Prometheus endpoint. */
    Map<String, double[]> stages() throws Exception {
        Map<String, double[]> stages = new java.util.TreeMap<>();
        java.util.regex.Matcher m = STAGE.matcher(hub.get("/actuator/prometheus"));
        while (m.find()) {
            stages.computeIfAbsent(m.group(2), k -> new double[2])[m.group(1).equals("sum") ? 0 : 1] =
                    Double.parseDouble(m.group(3));
        }
        return stages;
    }

    /** Mean milliseconds per batch in each stage between two readings of {@link #stages()}. */
    static Map<String, Object> stagesBetween(Map<String, double[]> before, Map<String, double[]> after) {
        Map<String, Object> mean = new java.util.LinkedHashMap<>();
        after.forEach((stage, a) -> {
            double[] b = before.getOrDefault(stage, new double[2]);
            double batches = a[1] - b[1];
            if (batches > 0) {
                mean.put(stage, Math.round((a[0] - b[0]) / batches * 10_000) / 10.0);
            }
        });
        return mean;
    }

    /** A backlog drained: the rate is taken between the first and the last receipt. */
    Baselines.Rate drain(List<BenchData.Update> updates) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer(); KafkaConsumer<String, byte[]> receipts = receipts()) {
            // A backlog, as B0-B2 find it: produced while the hub's consumer is stopped (through the operators'
            // API), then drained. Produced while the hub ran, the drain's first seconds measured the producer.
            hub.post("/api/routes/kafka-inbound/stop?comment=bench");
            for (BenchData.Update u : updates) {
                producer.send(new ProducerRecord<>("rectification.updates." + u.department(), u.key(), u.json()));
            }
            producer.flush();
            double cpu = Proc.cpuSeconds(hub.pid());
            hub.post("/api/routes/kafka-inbound/start?comment=bench");
            long[] span = awaitReceipts(receipts, r -> r.path("updateId").asText().startsWith("bench-")
                    && !r.path("updateId").asText().startsWith("bench-register-"), updates.size(),
                    Duration.ofMinutes(30), null);
            return new Baselines.Rate(updates.size(), (span[1] - span[0]) / 1000.0,
                    Proc.cpuSeconds(hub.pid()) - cpu);
        }
    }

    /**
     * Waits until the hub has used under 5% of a core for two seconds running (at most two minutes); the seconds
     * waited, which is how long the hub's background work on the last phase went on after it.
     */
    double awaitIdle() throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + Duration.ofMinutes(2).toNanos();
        int quiet = 0;
        while (quiet < 2 && System.nanoTime() < deadline) {
            double before = Proc.cpuSeconds(hub.pid());
            Thread.sleep(1_000);
            quiet = Proc.cpuSeconds(hub.pid()) - before < 0.05 ? quiet + 1 : 0;
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** A burst produced into the running hub as fast as the producer goes, until every update's receipt is in. */
    Baselines.Rate burst(String prefix, List<BenchData.Update> updates) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer(); KafkaConsumer<String, byte[]> receipts = receipts()) {
            double cpu = Proc.cpuSeconds(hub.pid());
            long started = System.nanoTime();
            for (BenchData.Update u : updates) {
                producer.send(new ProducerRecord<>("rectification.updates." + u.department(), u.key(), u.json()));
            }
            producer.flush();
            awaitReceipts(receipts, r -> r.path("updateId").asText().startsWith(prefix), updates.size(),
                    Duration.ofMinutes(30), null);
            return new Baselines.Rate(updates.size(), (System.nanoTime() - started) / 1e9,
                    Proc.cpuSeconds(hub.pid()) - cpu);
        }
    }

    /** Open loop at the given rate for the given time: latency from a record's send to its receipt. */
    Histogram paced(double perSecond, int seconds) throws Exception {
        Histogram latency = new Histogram(3_600_000L, 3);
        Map<String, Long> sent = new ConcurrentHashMap<>();
        Random random = new Random(7);
        long total = (long) (perSecond * seconds);
        try (KafkaProducer<String, byte[]> producer = producer(); KafkaConsumer<String, byte[]> receipts = receipts()) {
            long started = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = started + (long) (i * 1e9 / perSecond);
                // Parked, not spun: on two cores a spinning producer took a core from the hub it measured.
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                BenchData.Update u = BenchData.update("paced-", 1_000_000 + i, random);
                sent.put(u.updateId(), System.currentTimeMillis());
                producer.send(new ProducerRecord<>("rectification.updates." + u.department(), u.key(), u.json()));
            }
            producer.flush();
            awaitReceipts(receipts, r -> r.path("updateId").asText().startsWith("paced-"), total,
                    Duration.ofMinutes(10), (receipt, at) -> {
                        Long from = sent.get(receipt.path("updateId").asText());
                        if (from != null) {
                            latency.recordValue(Math.max(0, at - from));
                        }
                    });
        }
        return latency;
    }

    /** Single-document files dropped into the departments' inboxes at once; files per second until all archived. */
    Baselines.Rate files(int count) throws Exception {
        Random random = new Random(11);
        double cpu = Proc.cpuSeconds(hub.pid());
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            BenchData.Update u = BenchData.update("file-", 2_000_000 + i, random);
            Path inbox = Files.createDirectories(dataDir.resolve("inbox").resolve(u.department()));
            Path temporary = inbox.resolve("." + u.updateId() + ".tmp");
            Files.write(temporary, u.json());
            Files.move(temporary, inbox.resolve(u.updateId() + ".json"));
        }
        Path archive = dataDir.resolve("archive");
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (archived(archive) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("files not archived in time: " + archived(archive) + " of " + count);
            }
            Thread.sleep(100);
        }
        return new Baselines.Rate(count, (System.nanoTime() - started) / 1e9, Proc.cpuSeconds(hub.pid()) - cpu);
    }

    private static long archived(Path archive) throws Exception {
        if (!Files.exists(archive)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(archive)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
        }
    }

    /** Waits for receipts matching; the first and last receipt times (broker timestamps, ms). */
    private static long[] awaitReceipts(KafkaConsumer<String, byte[]> consumer, Predicate<JsonNode> wanted, long count,
                                        Duration timeout, ReceiptSink sink) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = 0;
        long first = Long.MAX_VALUE;
        long last = 0;
        java.util.Set<String> ids = new java.util.HashSet<>();
        while (seen < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + seen + " of " + count + " receipts in " + timeout);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                JsonNode receipt = CanonicalJson.mapper().readTree(record.value());
                if (wanted.test(receipt) && ids.add(receipt.path("updateId").asText())) {
                    String status = receipt.path("status").asText();
                    if (!status.equals("accepted") && !status.equals("stale")) {
                        throw new IllegalStateException("not recorded: " + receipt);
                    }
                    seen++;
                    first = Math.min(first, record.timestamp());
                    last = Math.max(last, record.timestamp());
                    if (sink != null) {
                        sink.receipt(receipt, record.timestamp());
                    }
                }
            }
        }
        return new long[]{first, last};
    }

    interface ReceiptSink {
        void receipt(JsonNode receipt, long at);
    }

    private KafkaConsumer<String, byte[]> receipts() {
        KafkaConsumer<String, byte[]> consumer = Baselines.consumer(brokers, "bench-receipts");
        consumer.subscribe(RECEIPTS);
        return consumer;
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void close() throws Exception {
        hub.close();
    }
}
