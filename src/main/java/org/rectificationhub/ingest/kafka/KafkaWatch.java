package org.rectificationhub.ingest.kafka;

import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.rectificationhub.ShortCache;
import org.rectificationhub.department.Departments;
import org.rectificationhub.ingest.Backlog;
import org.rectificationhub.ingest.ChannelWatch;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Kafka channel's backlog: per department, how far the hub's consumer group is behind the end of the
 * department's topic, partition by partition. Asked with an admin client configured as the route's consumer is
 * (camel.component.kafka.*: brokers, TLS, SASL), each call bounded, at most every few seconds.
 */
@Component
class KafkaWatch implements ChannelWatch {

    private static final Duration ASK_AT_MOST_EVERY = Duration.ofSeconds(5);
    private static final int TIMEOUT_MS = 3000;

    private final KafkaSettings settings;
    private final Departments departments;
    private final CamelContext camel;
    private final Clock clock;
    private final ShortCache<Backlog> cache;
    private final OwedReceipts owed;

    KafkaWatch(KafkaSettings settings, Departments departments, CamelContext camel, Clock clock, OwedReceipts owed) {
        this.settings = settings;
        this.owed = owed;
        this.departments = departments;
        this.camel = camel;
        this.clock = clock;
        this.cache = new ShortCache<>(this::ask, ASK_AT_MOST_EVERY, clock);
    }

    @Override
    public String channel() {
        return KafkaBatchIngest.CHANNEL;
    }

    @Override
    public Backlog backlog() {
        return settings.enabled() ? cache.get()
                : Backlog.disabled(channel(), "records", "switched off (HUB_KAFKA_ENABLED=false)", clock.instant());
    }

    private Backlog ask() {
        Admin admin = Admin.create(adminConfig());
        try {
            Map<String, Backlog.Waiting> waiting = new LinkedHashMap<>();
            Map<String, List<TopicPartition>> partitions = new LinkedHashMap<>();
            Map<String, String> topics = new LinkedHashMap<>();
            departments.all().forEach(d -> topics.put(d.id(), settings.inboundTopic(d.id())));
            Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics.values())
                    .topicNameValues();
            for (Map.Entry<String, String> department : topics.entrySet()) {
                String topic = department.getValue();
                try {
                    partitions.put(department.getKey(), described.get(topic).get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                            .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList());
                } catch (ExecutionException failed) {
                    if (!(failed.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw failed;
                    }
                    waiting.put(department.getKey(), new Backlog.Waiting(0, null, List.of(), "no topic " + topic));
                }
            }
            List<TopicPartition> all = partitions.values().stream().flatMap(List::stream).toList();
            Map<TopicPartition, Long> end = offsets(admin, all, OffsetSpec.latest());
            Map<TopicPartition, Long> start = offsets(admin, all, OffsetSpec.earliest());
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(settings.groupId())
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            partitions.forEach((department, owned) -> waiting.put(department, lag(owned, start, end, committed)));
            for (OwedReceipts.Failing failing : owed.failing()) {
                waiting.computeIfPresent(failing.department(), (d, w) -> new Backlog.Waiting(w.count(), w.oldest(),
                        w.partitions(), owing(failing)));
            }
            return new Backlog(channel(), Backlog.RUNNING, "records", "consumer group " + settings.groupId(), waiting,
                    null, clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Backlog.unavailable(channel(), "records", "interrupted while asking the broker", clock.instant());
        } catch (TimeoutException e) {
            return Backlog.unavailable(channel(), "records", "the broker did not answer within " + TIMEOUT_MS + " ms",
                    clock.instant());
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return Backlog.unavailable(channel(), "records", "the broker could not be asked: " + cause,
                    clock.instant());
        } finally {
            admin.close(Duration.ofSeconds(1));
        }
    }

    /** A department's failing receipts topic: its records are taken, their receipts wait. */
    private static String owing(OwedReceipts.Failing failing) {
        return failing.owed() + " receipt(s) owed: " + failing.topic() + " refuses them since " + failing.since()
                + " (tried " + failing.attempts() + " time(s), next at " + failing.nextAttempt() + "): "
                + failing.error();
    }

    /** Lag per partition: from the committed offset, or, before the group's first commit, from the start. */
    private static Backlog.Waiting lag(List<TopicPartition> owned, Map<TopicPartition, Long> start,
                                       Map<TopicPartition, Long> end, Map<TopicPartition, OffsetAndMetadata> committed) {
        List<Backlog.PartitionLag> lags = new ArrayList<>();
        long total = 0;
        for (TopicPartition p : owned.stream().sorted((a, b) -> Integer.compare(a.partition(), b.partition())).toList()) {
            OffsetAndMetadata at = committed.get(p);
            Long done = at == null ? null : at.offset();
            long lag = Math.max(0, end.get(p) - (done == null ? start.get(p) : done));
            total += lag;
            lags.add(new Backlog.PartitionLag(p.topic(), p.partition(), done, start.get(p), end.get(p), lag));
        }
        return new Backlog.Waiting(total, null, lags, null);
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> asked = new HashMap<>();
        partitions.forEach(p -> asked.put(p, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : admin.listOffsets(asked).all()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).entrySet()) {
            offsets.put(e.getKey(), e.getValue().offset());
        }
        return offsets;
    }

    /** The route's own client settings (brokers, TLS, SASL), only those an admin client knows. */
    private Map<String, Object> adminConfig() {
        KafkaConfiguration route = camel.getComponent("kafka", KafkaComponent.class).getConfiguration();
        Map<String, Object> config = new HashMap<>();
        route.createConsumerProperties().forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(String.valueOf(key)) && value != null) {
                config.put(String.valueOf(key), value);
            }
        });
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, route.getBrokers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "rectification-hub-ops");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        return config;
    }
}
