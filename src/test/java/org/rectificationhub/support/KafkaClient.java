package org.rectificationhub.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.rectificationhub.canonical.CanonicalJson;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** A department's system as the tests play it: publishes updates, reads its receipts. Independent of Camel. */
public final class KafkaClient implements AutoCloseable {

    public static final String UPDATES = "rectification.updates.";
    public static final String RECEIPTS = "rectification.receipts.";

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> receipts;
    private final List<JsonNode> received = new ArrayList<>();

    public KafkaClient(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
        receipts = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                new StringDeserializer(), new ByteArrayDeserializer());
        receipts.subscribe(Pattern.compile(Pattern.quote(RECEIPTS) + ".*"));
    }

    public Future<RecordMetadata> send(String department, String key, byte[] value) {
        return producer.send(new ProducerRecord<>(UPDATES + department, key, value));
    }

    public Future<RecordMetadata> send(String department, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(UPDATES + department, key, value);
        headers.forEach((name, header) -> record.headers().add(new RecordHeader(name, header.getBytes(StandardCharsets.UTF_8))));
        return producer.send(record);
    }

    public void sendBinaryCloudEvent(String department, String key, String id, byte[] data) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(UPDATES + department, key, data);
        record.headers().add(new RecordHeader("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_id", id.getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_type", "org.rectificationhub.progress.v1".getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_source", ("/" + department).getBytes(StandardCharsets.UTF_8)));
        producer.send(record);
    }

    public void flush() {
        producer.flush();
    }

    /** Reads receipts until the condition holds for everything read so far, or fails after the timeout. */
    public List<JsonNode> receiptsUntil(Predicate<List<JsonNode>> done, long timeout, TimeUnit unit) {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!done.test(received)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("receipts did not arrive in time; have " + received.size());
            }
            for (ConsumerRecord<String, byte[]> record : receipts.poll(Duration.ofMillis(200))) {
                try {
                    received.add(CanonicalJson.mapper().readTree(record.value()));
                } catch (java.io.IOException e) {
                    throw new AssertionError("a receipt is not JSON: " + new String(record.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return List.copyOf(received);
    }

    /** Receipts read so far that concern one round's documents, by updateId prefix. */
    public static List<JsonNode> about(List<JsonNode> receipts, String updateIdPrefix) {
        return receipts.stream().filter(r -> r.path("updateId").asText("").startsWith(updateIdPrefix)).toList();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        receipts.close(Duration.ofSeconds(5));
    }
}
