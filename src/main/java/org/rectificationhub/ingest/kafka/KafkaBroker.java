package org.rectificationhub.ingest.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.rectificationhub.DataDir;
import org.rectificationhub.HubProperties;
import org.rectificationhub.department.Department;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
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
    private volatile KafkaRaftServer server;
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
        Properties props = config(logDir);
        format(props, logDir);
        long started = System.nanoTime();
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        createTopics();
        log.info("Kafka broker listening on localhost:{} (controller {}), log dir {}, up in {} ms", settings.port(),
                settings.controllerPort(), logDir, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @Override
    public void destroy() {
        starting.exceptionally(e -> null).join(); // a start under way finishes before it is undone
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    private Properties config(Path logDir) {
        Properties p = new Properties();
        String controller = "localhost:" + settings.controllerPort();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + controller);
        p.put("listeners", "PLAINTEXT://localhost:" + settings.port() + ",CONTROLLER://" + controller);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + settings.port());
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", String.valueOf(settings.partitions()));
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        // The log cleaner (it compacts the consumer offsets) takes a 128 MB buffer of heap by default, two thirds of
        // the idle hub's live heap; its small topics need a fraction of it.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        // One node on a small machine: the defaults (8 request handlers, 10 background threads) are sized for a
        // broker of its own.
        p.put("num.io.threads", "2");
        p.put("background.threads", "4");
        return p;
    }

    /** Formats the log dir on the first run only; a formatted dir keeps its cluster id and its records. */
    private static void format(Properties props, Path logDir) throws IOException {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return; // formatting again, even with --ignore-formatted, insists on the same cluster id
        }
        Path file = logDir.resolve("server.properties");
        StringWriter text = new StringWriter();
        props.store(text, "written by the hub on the first start; edit application.yaml instead");
        DataDir.writePrivate(file, text.toString());
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                file.toString(), "--ignore-formatted"}, new PrintStream(output, true, StandardCharsets.UTF_8));
        if (code != 0) {
            throw new IllegalStateException("cannot format the Kafka log dir " + logDir + ": " + output);
        }
    }

    private void createTopics() throws InterruptedException {
        List<NewTopic> topics = new ArrayList<>();
        for (Department department : hub.departments()) {
            topics.add(new NewTopic(settings.inboundTopic(department.id()), settings.partitions(), (short) 1));
            topics.add(new NewTopic(settings.receiptsTopic(department.id()), settings.partitions(), (short) 1));
        }
        topics.add(new NewTopic(feedTopic, settings.partitions(), (short) 1)); // the commission's feed
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                "localhost:" + settings.port()))) {
            admin.createTopics(topics).values().forEach((name, future) -> {
                try {
                    future.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name, e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("the broker did not create topic " + name + " in time", e);
                }
            });
        }
    }
}
