package org.rectificationhub.ingest;

import org.rectificationhub.support.JsonBodies;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rectificationhub.support.Examples.ECONOMY;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.rectificationhub.support.Examples.ROUND_ID;
import static org.rectificationhub.support.Examples.URBAN;

/**
 * The whole path a department's file takes, read back through the operators' API: run on the embedded database
 * and on PostgreSQL by the subclasses.
 */
@AutoConfigureTestRestTemplate
abstract class FileToLedgerPath {

    @Autowired
    TestRestTemplate http;

    abstract HubFolders hub();

    @LocalServerPort
    int port;

    /** A fresh client per call: no cookies or sessions carried over from other requests. */
    private int status(String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes()));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private TestRestTemplate operator() {
        return http.withBasicAuth("operator", HubFolders.OPERATOR_PASSWORD);
    }

    private JsonNode get(String path) {
        ResponseEntity<String> response = operator().getForEntity(path, String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return JsonBodies.read(response.getBody());
    }

    private JsonNode post(String path) {
        ResponseEntity<String> response = operator().postForEntity(path, null, String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return JsonBodies.read(response.getBody());
    }

    @Test
    void filesFromEveryDepartmentReachTheLedgerAndTheApiShowsThem() {
        hub().drop(OFFICE, "round.json", Examples.roundJson().toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/rounds").size() == 1);
        for (int i = 1; i <= 30; i++) {
            hub().drop(ECONOMY, "p" + i + ".json", Examples.progressJson().put("updateId", "econ-" + i)
                    .put("sequence", i).put("status", "in-progress").put("progress", "第" + i + "次报告").toString());
        }
        hub().drop(URBAN, "urban.json", Examples.progressJson(1).toString());
        hub().drop(OFFICE, "exemption.json", Examples.officeExemption().toString());
        hub().drop(URBAN, "broken.json", "{ not json");

        hub().awaitInboxEmpty(Duration.ofSeconds(30));

        JsonNode problems = get("/api/rounds/" + ROUND_ID + "/problems");
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0).get("entries").asInt()).isEqualTo(31);
        assertThat(problems.get(0).get("measures").get(0).get("progress").asText()).isEqualTo("第30次报告");
        assertThat(problems.get(1).get("status").asText()).isEqualTo("ongoing");
        assertThat(problems.get(1).get("exemption").asText()).isEqualTo("mass-petition");
        JsonNode verify = post("/api/ledger/verify");
        assertThat(verify.get("ok").asBoolean()).isTrue();
        assertThat(verify.get("entries").asInt()).isEqualTo(33);
        assertThat(get("/api/quarantine").findValuesAsText("source")).contains("urban-management/broken.json");
        assertThat(hub().files("archive")).hasSize(33);
        assertThat(hub().files("error")).hasSize(2);
        assertThat(operator().getForObject("/actuator/prometheus", String.class))
                .contains("hub_ingest_documents_total{channel=\"file\",department=\"economic-development\","
                        + "outcome=\"accepted\"}")
                .contains("hub_ingest_documents_total{channel=\"file\",department=\"urban-management\","
                        + "outcome=\"rejected\"} 1.0");
    }

    @Test
    void theApiNeedsTheOperatorLoginButHealthIsOpen() throws Exception {
        assertThat(status("/api/rounds", null)).isEqualTo(401);
        assertThat(status("/api/quarantine", "operator:wrong")).isEqualTo(401);
        assertThat(status("/api/ledger/verify", "operator:" + HubFolders.OPERATOR_PASSWORD)).isEqualTo(200);
        ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(JsonBodies.read(health.getBody()).get("status").asText()).isEqualTo("UP");
        JsonNode detailed = JsonBodies.read(operator().getForObject("/actuator/health", String.class));
        assertThat(detailed.at("/components/camelHealth/details").toString()).contains("file-inbox");
    }
}
