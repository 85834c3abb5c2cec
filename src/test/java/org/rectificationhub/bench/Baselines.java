package org.rectificationhub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.ProgressUpdate;
import org.rectificationhub.canonical.SchemaValidator;
import org.rectificationhub.ledger.Ledger;
import org.rectificationhub.ledger.RawLedgerWriter;
import org.rectificationhub.ledger.Submission;
import org.rectificationhub.ledger.TestLedgers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * What the hub is measured against, run in the benchmark's own JVM on the same records and database kind:
 * B0 a plain consumer draining the topics; B1 the ledger's rows written as plain JDBC batches; B2 a plain pipeline
 * (consumer, Jackson, the schema validation, B1's writer, commit) without Camel or the hub's intake.
 */
final class Baselines {

    static final Pattern INBOUND = Pattern.compile("rectification\\.updates\\..*");
    private static final int BATCH = 500;

    /** Records per second and CPU seconds per 1,000 records. */
    record Rate(long records, double seconds, double cpuSeconds) {
        double perSecond() {
            return records / seconds;
        }

        double cpuPerThousand() {
            return cpuSeconds / (records / 1000.0);
        }
    }

    private Baselines() {
    }

    static Rate b0(String brokers, long expected) {
        double cpu = Proc.ownCpuSeconds();
        long started = System.nanoTime();
        long count = 0;
        try (KafkaConsumer<String, byte[]> consumer = consumer(brokers, "bench-b0")) {
            consumer.subscribe(INBOUND);
            while (count < expected) {
                count += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        return new Rate(count, (System.nanoTime() - started) / 1e9, Proc.ownCpuSeconds() - cpu);
    }

    static Rate b1(HikariDataSource db, List<BenchData.Update> updates) throws Exception {
        register(db);
        List<ProgressUpdate> documents = new ArrayList<>();
        for (BenchData.Update u : updates) {
            documents.add((ProgressUpdate) CanonicalJson.toDocument(CanonicalJson.readTree(
                    new String(u.json(), java.nio.charset.StandardCharsets.UTF_8))));
        }
        RawLedgerWriter writer = new RawLedgerWriter(db, "bench-b1");
        double cpu = Proc.ownCpuSeconds();
        long started = System.nanoTime();
        for (int from = 0; from < documents.size(); from += BATCH) {
            writer.write(documents.subList(from, Math.min(documents.size(), from + BATCH)), "kafka");
        }
        return new Rate(documents.size(), (System.nanoTime() - started) / 1e9, Proc.ownCpuSeconds() - cpu);
    }

    /** Consumes the drain's updates (prefix bench-), validates each against the schema and writes them as B1. */
    static Rate b2(HikariDataSource db, String brokers, long expected) throws Exception {
        register(db);
        RawLedgerWriter writer = new RawLedgerWriter(db, "bench-b2");
        double cpu = Proc.ownCpuSeconds();
        long started = System.nanoTime();
        long written = 0;
        try (KafkaConsumer<String, byte[]> consumer = consumer(brokers, "bench-b2")) {
            consumer.subscribe(INBOUND);
            List<ProgressUpdate> batch = new ArrayList<>();
            while (written < expected) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode json = CanonicalJson.mapper().readTree(record.value());
                    if (!"progress".equals(json.path("kind").asText())
                            || !json.path("updateId").asText().startsWith("bench-")) {
                        continue; // the rounds (set up above) and the paced phase's records: not the drain's
                    }
                    SchemaValidator.Checked checked = SchemaValidator.check(json);
                    if (!checked.valid()) {
                        throw new IllegalStateException(checked.problem());
                    }
                    batch.add((ProgressUpdate) checked.document());
                }
                if (!batch.isEmpty()) {
                    writer.write(batch, "kafka");
                    consumer.commitSync();
                    written += batch.size();
                    batch.clear();
                }
            }
        }
        return new Rate(written, (System.nanoTime() - started) / 1e9, Proc.ownCpuSeconds() - cpu);
    }

    /** The rounds, committed by the hub's own ledger: set-up, not measured. */
    private static void register(HikariDataSource db) throws Exception {
        Ledger ledger = TestLedgers.on(db, "bench-setup");
        for (byte[] round : BenchData.rounds()) {
            CanonicalDocument doc = CanonicalJson.toDocument(CanonicalJson.mapper().readTree(round));
            ledger.commit(new Submission(doc, doc.department(), "bench", "set-up"));
        }
    }

    static KafkaConsumer<String, byte[]> consumer(String brokers, String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group + "-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
