package org.rectificationhub.bench;

import org.rectificationhub.support.ChildHub;
import org.rectificationhub.support.HubFolders;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The hub's start as the Docker image makes it: the extracted jar, with a class data archive (AppCDS) that a
 * training run wrote. The same steps as the Dockerfile's: the context refreshed once with the standalone defaults,
 * then closed, and the classes it loaded archived. For comparison, the start from the packaged jar itself.
 */
final class StartUp {

    private StartUp() {
    }

    /** The training run; its archive, to be given to the measured hub with -XX:SharedArchiveFile. */
    static Path trainArchive(Path directory) throws Exception {
        Path archive = directory.resolve("hub.jsa");
        List<String> command = new ArrayList<>(List.of(ChildHub.java()));
        command.addAll(ChildHub.defaultJvmOptions());
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh", "-jar",
                ChildHub.jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("training.log").toFile());
        builder.environment().putAll(Map.of("HUB_DATA_DIR", directory.resolve("training").toString(),
                "HUB_OPERATOR_PASSWORD", HubFolders.OPERATOR_PASSWORD, "HUB_MAIL_ENABLED", "false",
                "SERVER_PORT", String.valueOf(ChildHub.freePort()),
                "HUB_KAFKA_PORT", String.valueOf(ChildHub.freePort()),
                "HUB_KAFKA_CONTROLLER_PORT", String.valueOf(ChildHub.freePort())));
        Process training = builder.start();
        if (!training.waitFor(3, TimeUnit.MINUTES) || training.exitValue() != 0 || !Files.exists(archive)) {
            training.destroyForcibly();
            throw new IllegalStateException("the training run wrote no class archive; see "
                    + directory.resolve("training.log"));
        }
        return archive;
    }

    /** Seconds until the packaged jar itself (java -jar, its classes in nested jars) reports healthy. */
    static double fromPackagedJar(Path directory, Map<String, String> database) throws Exception {
        Map<String, String> env = new HashMap<>(database);
        env.putAll(Map.of("HUB_KAFKA_PORT", String.valueOf(ChildHub.freePort()),
                "HUB_KAFKA_CONTROLLER_PORT", String.valueOf(ChildHub.freePort())));
        Files.createDirectories(directory);
        long started = System.nanoTime();
        try (ChildHub hub = new ChildHub(directory, env).withJar(ChildHub.packagedJar())) {
            hub.start(Duration.ofSeconds(180));
            return (System.nanoTime() - started) / 1e9;
        }
    }
}
