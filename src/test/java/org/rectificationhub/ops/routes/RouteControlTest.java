package org.rectificationhub.ops.routes;

import org.rectificationhub.support.JsonBodies;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.FaultyDatabase;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rectificationhub.support.Examples.OFFICE;

/** Operators see every route with Camel's own numbers, and stop, start, suspend and resume them, audited. */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FaultyDatabase.class)
class RouteControlTest {

    static final HubFolders hub = HubFolders.create();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
    }

    @Autowired
    TestRestTemplate http;

    @Autowired
    CamelContext camel;

    @AfterEach
    void backToNormal() throws Exception {
        FaultyDatabase.heal();
        camel.getRouteController().startRoute("file-inbox");
        camel.getRouteController().resumeRoute("inbox-guard");
    }

    @Test
    void everyRouteOfTheRouteFilesIsListedWithItsStateAndCamelsNumbers() throws IOException {
        register("dg-routes-listed");

        JsonNode routes = get("/api/routes");

        assertThat(routes.findValuesAsText("id")).containsExactlyInAnyOrderElementsOf(routeIdsInRouteFiles());
        JsonNode inbox = route(routes, "file-inbox");
        assertThat(inbox.get("state").asText()).isEqualTo("started");
        assertThat(inbox.at("/statistics/exchangesTotal").asLong()).isPositive();
        assertThat(inbox.at("/statistics/meanProcessingMillis").asLong()).isNotNegative();
        assertThat(inbox.at("/statistics/maxProcessingMillis").asLong())
                .isGreaterThanOrEqualTo(inbox.at("/statistics/meanProcessingMillis").asLong());
        assertThat(inbox.at("/statistics/exchangesInflight").isNumber()).isTrue();
        assertThat(inbox.get("from").asText()).startsWith("file:");
        JsonNode kafka = route(routes, "kafka-inbound");
        assertThat(kafka.get("autoStartup").asBoolean()).isFalse(); // the Kafka channel is off in this test
        assertThat(kafka.get("state").asText()).isEqualTo("stopped");
    }

    @Test
    void aFailedExchangeShowsWhenItFailedAndWhereItsMessageIs() {
        FaultyDatabase.failWith("insert into ledger_entry", () -> new SQLException("connection reset", "08006"));
        long failedBefore = get("/api/routes/file-inbox").at("/statistics/exchangesFailed").asLong();

        dropRound("dg-routes-failed");
        JsonNode inbox = await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/routes/file-inbox"),
                r -> r.at("/statistics/exchangesFailed").asLong() > failedBefore);
        FaultyDatabase.heal();

        JsonNode lastFailure = inbox.at("/statistics/lastFailure");
        assertThat(lastFailure.get("at").asText()).isNotBlank();
        assertThat(lastFailure.get("exchangeId").asText()).isNotBlank();
        assertThat(lastFailure.get("note").asText()).contains("not its message", "exchange id");
        hub.awaitInboxEmpty(Duration.ofSeconds(30)); // taken again once the database is back
    }

    @Test
    void aStoppedFileInboxLeavesDropsWhereTheyAreUntilStartedAgain() throws Exception {
        JsonNode stopped = post("/api/routes/file-inbox/stop?comment=moving the share", 200);
        assertThat(stopped.get("before").asText()).isEqualTo("started");
        assertThat(stopped.get("state").asText()).isEqualTo("stopped");
        assertThat(get("/api/routes/file-inbox").get("state").asText()).isEqualTo("stopped");

        dropRound("dg-routes-held");
        Thread.sleep(1500); // the inbox is polled every 100 ms and a file settles in 200 ms: long enough to be taken
        assertThat(hub.files("inbox")).anyMatch(p -> p.endsWith("dg-routes-held.json"));

        assertThat(post("/api/routes/file-inbox/start", 200).get("state").asText()).isEqualTo("started");
        hub.awaitInboxEmpty(Duration.ofSeconds(30));
        JsonNode audit = get("/api/audit?action=route&target=route/file-inbox&limit=2");
        assertThat(audit.findValuesAsText("action")).containsExactly("route.start", "route.stop");
        assertThat(audit.findValuesAsText("outcome")).containsExactly("done", "done");
        assertThat(audit.get(1).get("comment").asText()).isEqualTo("moving the share");
        assertThat(audit.get(1).get("detail").asText()).contains("started → stopped");
    }

    @Test
    void aTimerRouteIsSuspendedAndResumed() {
        assertThat(post("/api/routes/inbox-guard/suspend", 200).get("state").asText()).isEqualTo("suspended");
        assertThat(get("/api/routes/inbox-guard").get("state").asText()).isEqualTo("suspended");

        assertThat(post("/api/routes/inbox-guard/resume", 200).get("state").asText()).isEqualTo("started");
        assertThat(get("/api/audit?action=route&target=route/inbox-guard&limit=2").findValuesAsText("action"))
                .containsExactly("route.resume", "route.suspend");
    }

    @Test
    void routesAnOperatorSuspendedOrStoppedShowInHealthsDetailsWhileTheHubStaysUp() {
        post("/api/routes/inbox-guard/suspend?comment=quiet please", 200);
        post("/api/routes/file-inbox/stop", 200);

        ResponseEntity<String> health = operator().getForEntity("/actuator/health", String.class);
        assertThat(health.getStatusCode().value()).as(health.getBody()).isEqualTo(200);
        JsonNode routes = JsonBodies.read(health.getBody()).at("/components/routes");
        assertThat(routes.get("status").asText()).as(health.getBody()).isEqualTo("UP");
        assertThat(routes.at("/details/inbox-guard/state").asText()).isEqualTo("suspended");
        assertThat(routes.at("/details/inbox-guard/by").asText()).isEqualTo("operator");
        assertThat(routes.at("/details/inbox-guard/since").asText()).isNotBlank();
        assertThat(routes.at("/details/file-inbox/state").asText()).isEqualTo("stopped");
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void anUnknownRouteIsNotFoundAndARouteSwitchedOffByConfigurationIsNotStarted() {
        JsonNode unknown = post("/api/routes/no-such-route/stop", 404);
        JsonNode off = post("/api/routes/kafka-inbound/start", 409);

        assertThat(unknown.get("error").asText()).contains("no route 'no-such-route'", "file-inbox");
        assertThat(off.get("error").asText()).contains("switched off by configuration");
        assertThat(get("/api/routes/kafka-inbound").get("state").asText()).isEqualTo("stopped");
        assertThat(get("/api/routes/no-such-route", 404).get("error").asText()).contains("no route");
        assertThat(get("/api/audit?action=route.stop&target=route/no-such-route").get(0).get("outcome").asText())
                .isEqualTo("refused");
        assertThat(get("/api/audit?action=route.start&target=route/kafka-inbound").get(0).get("outcome").asText())
                .isEqualTo("refused");
    }

    /** The ids of the routes in routes/*.camel.yaml, as written there (not the routeConfiguration's). */
    private static List<String> routeIdsInRouteFiles() throws IOException {
        Pattern route = Pattern.compile("(?m)^- route:\\s*\\n\\s+id:\\s*(\\S+)");
        List<String> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                Matcher found = route.matcher(Files.readString(file));
                while (found.find()) {
                    ids.add(found.group(1));
                }
            }
        }
        assertThat(ids).contains("file-inbox", "kafka-inbound");
        return ids;
    }

    private void register(String round) {
        dropRound(round);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/rounds").findValuesAsText("roundId")
                .contains(round));
    }

    private static void dropRound(String round) {
        ObjectNode json = Examples.roundJson().put("updateId", "round-" + round);
        ((ObjectNode) json.get("round")).put("roundId", round);
        hub.drop(OFFICE, round + ".json", json.toString());
    }

    private static JsonNode route(JsonNode routes, String id) {
        for (JsonNode route : routes) {
            if (id.equals(route.get("id").asText())) {
                return route;
            }
        }
        throw new AssertionError("no route " + id + " in " + routes);
    }

    private TestRestTemplate operator() {
        return http.withBasicAuth("operator", HubFolders.OPERATOR_PASSWORD);
    }

    private JsonNode get(String path) {
        return get(path, 200);
    }

    private JsonNode get(String path, int expectedStatus) {
        ResponseEntity<String> response = operator().getForEntity(path, String.class);
        assertThat(response.getStatusCode().value()).as(path).isEqualTo(expectedStatus);
        return JsonBodies.read(response.getBody());
    }

    private JsonNode post(String path, int expectedStatus) {
        ResponseEntity<String> response = operator().postForEntity(path, null, String.class);
        assertThat(response.getStatusCode().value()).as(path + ": " + response.getBody()).isEqualTo(expectedStatus);
        return JsonBodies.read(response.getBody());
    }
}
