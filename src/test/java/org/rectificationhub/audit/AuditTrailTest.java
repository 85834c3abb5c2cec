package org.rectificationhub.audit;

import org.rectificationhub.support.JsonBodies;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actions that were there before the audit log (sending deliveries again, clearing a ledger break) are audited
 * too, refusals included; the log reads newest first, by action, operator and target, for operators only.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditTrailTest {

    static final HubFolders hub = HubFolders.create();
    static final String COMMISSION_PASSWORD = "test-commission-password";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
        registry.add("hub.commission.password", () -> COMMISSION_PASSWORD);
    }

    @Autowired
    TestRestTemplate http;

    @Test
    void sendingDeliveriesAgainIsAuditedAndSoIsAnUnknownTarget() {
        JsonNode replayed = post("/api/deliveries/publication/replay?entryIds=1,2", 200);
        post("/api/deliveries/nowhere/replay", 404);

        assertThat(replayed.get("target").asText()).isEqualTo("publication");
        JsonNode done = latest("delivery.replay", "delivery/publication");
        assertThat(done.get("outcome").asText()).isEqualTo("done");
        assertThat(done.get("actor").asText()).isEqualTo("operator");
        assertThat(done.get("detail").asText()).startsWith("entries [1, 2]: 0 outbox rows");
        JsonNode refused = latest("delivery.replay", "delivery/nowhere");
        assertThat(refused.get("outcome").asText()).isEqualTo("refused");
        assertThat(refused.get("detail").asText()).contains("no delivery target 'nowhere'");
    }

    @Test
    void clearingTheLedgerIntegrityIsAuditedWithItsReasonAndRefusedWithoutOne() {
        JsonNode cleared = post("/api/ledger/integrity/clear?reason=looked at it: sound", 200);
        JsonNode refused = post("/api/ledger/integrity/clear?reason= ", 400);
        post("/api/ledger/integrity/clear", 400);

        assertThat(cleared.get("cleared").asText()).isEqualTo("nothing was broken");
        assertThat(refused.get("error").asText()).startsWith("reason:");
        JsonNode audit = get("/api/audit?action=ledger.integrity.clear&limit=3");
        assertThat(audit.findValuesAsText("outcome")).containsExactly("refused", "refused", "done");
        assertThat(audit.get(2).get("comment").asText()).isEqualTo("looked at it: sound");
        assertThat(audit.get(2).get("detail").asText()).isEqualTo("nothing was broken");
        assertThat(audit.get(2).get("target").asText()).isEqualTo("ledger/integrity");
    }

    @Test
    void theLogReadsNewestFirstByActionOperatorAndTarget() {
        post("/api/deliveries/publication/replay", 200);
        post("/api/deliveries/commission/replay", 200);

        JsonNode newest = get("/api/audit?limit=2");
        JsonNode deliveries = get("/api/audit?action=delivery");

        assertThat(newest).hasSize(2);
        assertThat(newest.get(0).get("target").asText()).isEqualTo("delivery/commission");
        assertThat(newest.get(0).get("id").asLong()).isGreaterThan(newest.get(1).get("id").asLong());
        assertThat(deliveries.findValuesAsText("action")).isNotEmpty().allMatch("delivery.replay"::equals);
        assertThat(get("/api/audit?action=deliv")).isEmpty();
        assertThat(get("/api/audit?actor=operator&target=delivery/commission")).isNotEmpty();
        assertThat(get("/api/audit?actor=somebody-else")).isEmpty();
    }

    @Test
    void onlyOperatorsReadTheLog() {
        assertThat(http.getForEntity("/api/audit", String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(http.withBasicAuth("commission", COMMISSION_PASSWORD).getForEntity("/api/audit", String.class)
                .getStatusCode().value()).isEqualTo(403);
    }

    private JsonNode latest(String action, String target) {
        return get("/api/audit?action=" + action + "&target=" + target + "&limit=1").get(0);
    }

    private TestRestTemplate operator() {
        return http.withBasicAuth("operator", HubFolders.OPERATOR_PASSWORD);
    }

    private JsonNode get(String path) {
        ResponseEntity<String> response = operator().getForEntity(path, String.class);
        assertThat(response.getStatusCode().value()).as(path).isEqualTo(200);
        return JsonBodies.read(response.getBody());
    }

    private JsonNode post(String path, int expectedStatus) {
        ResponseEntity<String> response = operator().postForEntity(path, null, String.class);
        assertThat(response.getStatusCode().value()).as(path + ": " + response.getBody()).isEqualTo(expectedStatus);
        return JsonBodies.read(response.getBody());
    }
}
