package org.rectificationhub.ingest.kafka;

import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Sends receipts and says, per department, whether its receipts topic took them. A plain producer configured as
 * the route's client (camel.component.kafka.*: brokers, TLS, SASL, acks by all in-sync replicas), because each
 * department's sends must succeed or fail on their own: one topic refusing its receipts is that department's
 * problem. Every send of a call goes out at once, and the call waits for all of them. Started with the first
 * receipt, so a hub with the Kafka channel switched off dials no broker.
 */
@Component
class ReceiptProducer implements DisposableBean {

    /** How long a send may wait for its topic's metadata, and for its delivery, before it counts as failed. */
    private static final int MAX_BLOCK_MS = 5_000;
    private static final int DELIVERY_TIMEOUT_MS = 30_000;

    private final CamelContext camel;
    private Producer<String, String> producer;

    ReceiptProducer(CamelContext camel) {
        this.camel = camel;
    }

    /** Sends every receipt; answers the departments whose topic refused any of theirs, with the first error. */
    Map<String, Exception> send(List<ReceiptMessage> receipts) {
        Map<String, List<Future<RecordMetadata>>> sent = new LinkedHashMap<>();
        Map<String, Exception> failed = new LinkedHashMap<>();
        for (ReceiptMessage receipt : receipts) {
            try {
                sent.computeIfAbsent(receipt.department(), d -> new ArrayList<>()).add(producer().send(
                        new ProducerRecord<>(receipt.topic(), receipt.key(), receipt.body())));
            } catch (RuntimeException refused) {
                failed.putIfAbsent(receipt.department(), refused);
            }
        }
        sent.forEach((department, futures) -> {
            for (Future<RecordMetadata> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException refused) {
                    failed.putIfAbsent(department, refused.getCause() instanceof Exception e ? e : refused);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while sending receipts", e);
                }
            }
        });
        return failed;
    }

    private synchronized Producer<String, String> producer() {
        if (producer == null) {
            KafkaConfiguration route = camel.getComponent("kafka", KafkaComponent.class).getConfiguration();
            Properties config = route.createProducerProperties();
            config.values().removeIf(value -> value == null);
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, route.getBrokers());
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "rectification-hub-receipts");
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, MAX_BLOCK_MS);
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    @Override
    public synchronized void destroy() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
