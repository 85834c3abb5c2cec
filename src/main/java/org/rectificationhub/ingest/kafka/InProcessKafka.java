package org.rectificationhub.ingest.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A one-node Kafka (broker and KRaft controller in one) in this JVM, from Kafka's own jars: the standalone run's
 * broker, and the tests' (Spring Kafka's test broker follows another Kafka line than the hub's). Its log dir keeps
 * the cluster id, topics and unconsumed records across restarts.
 */
public final class InProcessKafka implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final int port;
    private final KafkaRaftServer server;

    private InProcessKafka(int port, KafkaRaftServer server) {
        this.port = port;
        this.server = server;
    }

    /** Formats the log dir on its first use, then starts the broker on localhost:port (controller on its own port). */
    public static InProcessKafka start(Path logDir, int port, int controllerPort, int partitions) throws Exception {
        format(logDir);
        KafkaRaftServer server = new KafkaRaftServer(
                KafkaConfig.fromProps(config(logDir, port, controllerPort, partitions), false), Time.SYSTEM);
        server.startup();
        return new InProcessKafka(port, server);
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Creates the topics that do not exist yet, each with this many partitions and one replica. */
    public void createTopics(int partitions, Collection<String> names) throws InterruptedException {
        List<NewTopic> topics = names.stream().map(name -> new NewTopic(name, partitions, (short) 1)).toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            for (var created : admin.createTopics(topics).values().entrySet()) {
                try {
                    created.getValue().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + created.getKey(), e.getCause());
                    }
                } catch (TimeoutException e) {
                    throw new IllegalStateException("the broker did not create topic " + created.getKey()
                            + " in time", e);
                }
            }
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static Properties config(Path logDir, int port, int controllerPort, int partitions) {
        Properties p = new Properties();
        String controller = "localhost:" + controllerPort;
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + controller);
        p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://" + controller);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", String.valueOf(partitions));
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
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
    private static void format(Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return; // formatting again would insist on the same cluster id
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(NODE_ID)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDir.toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the Kafka log dir " + logDir + ": " + output, e);
        }
    }
}
