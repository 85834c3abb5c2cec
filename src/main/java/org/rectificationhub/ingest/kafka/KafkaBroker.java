package org.rectificationhub.ingest.kafka;

import org.rectificationhub.DataDir;
import org.rectificationhub.DataDirPermissions;
import org.rectificationhub.HubProperties;
import org.rectificationhub.department.Department;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The standalone run's own Kafka broker: KRaft, in-process, from Kafka's jars, its log under the data dir so
 * topics and unconsumed records survive a restart. Its start (seconds: formatting, the raft quorum, the topics)
 * begins on a thread of its own when this bean is created and runs beside the rest of the start-up (the database
 * migrations, the routes being read, the web server); {@link #start()}, a lifecycle step that Spring runs after
 * every bean exists and before the Camel context starts its routes, waits for it. Destroyed after Camel has stopped
 * the routes. Nothing runs with an external cluster (hub.kafka.bootstrap-servers or HUB_KAFKA_BOOTSTRAP_SERVERS)
 * or with hub.kafka.enabled=false.
 */
@Component
class KafkaBroker implements InitializingBean, SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

    private final KafkaSettings settings;
    private final HubProperties hub;
    private final boolean wanted;
    private final String feedTopic;
    private volatile InProcessKafka server;
    private CompletableFuture<Void> starting = CompletableFuture.completedFuture(null);

    KafkaBroker(KafkaSettings settings, HubProperties hub,
                @Value("${hub.kafka.bootstrap-servers:${HUB_KAFKA_BOOTSTRAP_SERVERS:}}") String external,
                @Value("${hub.commission.topic:commission.rectification.feed}") String feedTopic) {
        this.settings = settings;
        this.feedTopic = feedTopic;
        this.hub = hub;
        this.wanted = settings.enabled() && external.isBlank();
    }

    @Override
    public void afterPropertiesSet() {
        if (!wanted) {
            return;
        }
        starting = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                startServer();
                starting.complete(null);
            } catch (Throwable e) {
                starting.completeExceptionally(e);
            }
        }, "kafka-broker-start");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits for the broker's start begun with the bean; a broker that could not start stops the hub's start. */
    @Override
    public void start() {
        try {
            starting.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the standalone Kafka broker did not start: " + e.getCause(),
                    e.getCause());
        }
    }

    /** The broker outlives this lifecycle step: it stops in {@link #destroy()}, after the routes. */
    @Override
    public void stop() {
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** Early among the lifecycle steps: before the web server and long before the Camel context. */
    @Override
    public int getPhase() {
        return 0;
    }

    private void startServer() throws Exception {
        Path logDir = hub.dataDir().toAbsolutePath().normalize().resolve("kafka");
        DataDir.createDirectories(logDir);
        long started = System.nanoTime();
        server = InProcessKafka.start(logDir, settings.port(), settings.controllerPort(), settings.partitions());
        DataDirPermissions.narrow(logDir); // Kafka writes with the process's umask
        List<String> topics = new ArrayList<>();
        for (Department department : hub.departments()) {
            topics.add(settings.inboundTopic(department.id()));
            topics.add(settings.receiptsTopic(department.id()));
        }
        topics.add(feedTopic); // the commission's feed
        server.createTopics(settings.partitions(), topics);
        log.info("Kafka broker listening on localhost:{} (controller {}), log dir {}, up in {} ms", settings.port(),
                settings.controllerPort(), logDir, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @Override
    public void destroy() {
        starting.exceptionally(e -> null).join(); // a start under way finishes before it is undone
        if (server != null) {
            server.close();
            server = null;
            DataDirPermissions.narrow(hub.dataDir().toAbsolutePath().normalize().resolve("kafka"));
        }
    }
}
