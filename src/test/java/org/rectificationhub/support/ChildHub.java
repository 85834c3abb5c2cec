package org.rectificationhub.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged hub as a child JVM, the way an operator runs it (README: the jar extracted, as the Docker image runs
 * it), so that a test can kill it with SIGKILL mid-work and start it again on the same data dir.
 */
public final class ChildHub implements AutoCloseable {

    private final Path dataDir;
    private final Map<String, String> environment;
    private final int port;
    private List<String> jvmOptions = defaultJvmOptions();
    private Path launcher; // null: the extracted jar, found (or made) when the child starts
    private Process process;

    public ChildHub(Path dataDir, Map<String, String> extraEnvironment) {
        this.dataDir = dataDir;
        this.port = freePort();
        this.environment = new HashMap<>();
        // Other channels' child hubs start no mail server of their own; a test of mail says otherwise.
        environment.put("HUB_MAIL_ENABLED", "false");
        environment.putAll(extraEnvironment);
        environment.put("HUB_DATA_DIR", dataDir.toString());
        environment.put("SERVER_PORT", Integer.toString(port));
        environment.put("HUB_OPERATOR_PASSWORD", HubFolders.OPERATOR_PASSWORD);
    }

    /** The packaged jar (target/rectification-hub.jar), as the build makes it. */
    public static Path packagedJar() {
        Path jar = Path.of(System.getProperty("hub.jar", "target/rectification-hub.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after `package`");
        }
        return jar;
    }

    /**
     * The jar to run: the packaged one extracted (Spring Boot's tools mode) into hub-app/ beside it, once per build,
     * as README and the Docker image run the hub. Its classes load from plain jars: the hub starts in two thirds of
     * the time it takes from the packaged jar's nested ones.
     */
    public static synchronized Path jar() {
        Path packaged = packagedJar().toAbsolutePath();
        Path directory = packaged.resolveSibling("hub-app");
        Path launcher = directory.resolve(packaged.getFileName());
        try {
            if (Files.exists(launcher) && Files.getLastModifiedTime(launcher).compareTo(
                    Files.getLastModifiedTime(packaged)) >= 0) {
                return launcher;
            }
            Process extract = new ProcessBuilder(java(), "-Djarmode=tools", "-jar", packaged.toString(), "extract",
                    "--destination", directory.toString(), "--force").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!extract.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || extract.exitValue() != 0) {
                throw new IllegalStateException("could not extract " + packaged + " into " + directory);
            }
            // The extracted copy keeps the packaged jar's time: touched, it says which build it came from.
            Files.setLastModifiedTime(launcher, java.nio.file.attribute.FileTime.from(Instant.now()));
            return launcher;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the packaged offline verification printed, and its exit code (0 whole, 1 a break, 2 not checked). */
    public record Verified(int exitCode, String printed) {

        /** The JSON report: the command's last line. */
        public String report() {
            return printed.substring(printed.lastIndexOf('\n') + 1);
        }
    }

    /** Runs {@code verify} of the packaged jar on a stopped hub's data dir; its log beside the data. */
    public static Verified verify(Path dataDir, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar().toString(), "verify"));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HUB_DATA_DIR", dataDir.toString());
        builder.environment().put("HUB_OPERATOR_PASSWORD", HubFolders.OPERATOR_PASSWORD);
        Path output = Files.createTempFile("verify-", ".out");
        builder.redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.appendTo(
                dataDir.resolve("verify-command.log").toFile()));
        Process process = builder.start();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("verify did not finish within 5 minutes");
        }
        return new Verified(process.exitValue(), Files.readString(output, java.nio.charset.StandardCharsets.UTF_8)
                .strip());
    }

    /** This JVM's java command, for the child's. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A port for a server started later; see {@link FreePorts} for why not bind(0). */
    public static int freePort() {
        return FreePorts.next();
    }

    /** The JVM options the hub runs with (hub.jvm.options in pom.xml), as an operator runs it. */
    public static List<String> defaultJvmOptions() {
        return List.of(System.getProperty("hub.jvm.options", "-Xmx384m").trim().split("\\s+"));
    }

    /** The child's JVM options instead of the default heap, e.g. a small heap that an input must not exhaust. */
    public ChildHub withJvmOptions(String... options) {
        this.jvmOptions = List.of(options);
        return this;
    }

    /** Another jar to run, e.g. the packaged one itself, to compare the two starts. */
    public ChildHub withJar(Path jar) {
        this.launcher = jar;
        return this;
    }

    public int port() {
        return port;
    }

    /** The child's process id, for what /proc tells about it (memory, CPU time). */
    public long pid() {
        return process.pid();
    }

    public ChildHub start(Duration timeout) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", (launcher == null ? jar() : launcher).toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("child-hub.log").toFile()));
        process = builder.start();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub exited with " + process.exitValue() + "; see "
                        + dataDir.resolve("child-hub.log"));
            }
            // Asked as a load balancer asks, without a login: a checked password costs a bcrypt hash, and four of
            // them a second took CPU from the start-up being waited for.
            if (status("/actuator/health", false) == 200) {
                return this;
            }
            Thread.sleep(250);
        }
        // The caller's try-with-resources never got this object: stop the child here, or it outlives the test.
        kill();
        throw new IllegalStateException("the hub did not become healthy within " + timeout + "; see "
                + dataDir.resolve("child-hub.log"));
    }

    /** SIGKILL: no shutdown hooks, no graceful stop, as in a power cut of the process. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public int status(String path) {
        return status(path, true);
    }

    private int status(String path, boolean asOperator) {
        try {
            return send(path, asOperator).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** POSTs as the operator (the API takes HTTP Basic without a CSRF token); the body of a 200. */
    public String post(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(request(path, true)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private HttpResponse<String> send(String path) throws IOException, InterruptedException {
        return send(path, true);
    }

    private HttpResponse<String> send(String path, boolean asOperator) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request(path, asOperator).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, boolean asOperator) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (asOperator) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    ("operator:" + HubFolders.OPERATOR_PASSWORD).getBytes()));
        }
        return request;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
