package org.rectificationhub.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ledger.Quarantine;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rectificationhub.support.Examples.ECONOMY;
import static org.rectificationhub.support.Examples.OFFICE;

/** Quarantine per document: each arrival of an input is stored once, each rejected document of it once. */
@SpringBootTest(properties = "hub.limits.max-input-size=1MB")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuarantineStorageTest {

    static final HubFolders hub = HubFolders.create();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Quarantine quarantine;

    @Test
    @Order(1)
    void aThousandDocumentsWithFiveHundredBadOnesStoreAtMostTwiceTheInputAndTheSameFileSentAgainIsANewArrival() {
        hub.drop(OFFICE, "round.json", Examples.roundJson().toString());
        hub.awaitInboxEmpty(Duration.ofSeconds(30));
        ArrayNode documents = CanonicalJson.mapper().createArrayNode();
        for (int i = 1; i <= 1000; i++) {
            documents.add(Examples.progressJson().put("updateId", "half-" + i).put("sequence", 1000 + i)
                    .put("status", i % 2 == 0 ? "in-progress" : "half-done"));
        }
        byte[] input = CanonicalJson.write(documents).getBytes(StandardCharsets.UTF_8);

        hub.drop(ECONOMY, "half-bad.json", input);
        await().atMost(Duration.ofSeconds(60)).until(() -> rows("economic-development/half-bad.json") == 500);
        hub.awaitInboxEmpty(Duration.ofSeconds(30));
        long stored = storedBytes("economic-development/half-bad.json");
        System.out.printf("MEASURED: %d-byte input with 500 of 1000 documents rejected stored %d bytes (%.2fx)%n",
                input.length, stored, (double) stored / input.length);
        assertThat(stored).isLessThanOrEqualTo(2L * input.length);
        assertThat(jdbc.queryForObject("select count(*) from ledger_entry where update_id like 'half-%'", Long.class))
                .isEqualTo(500);

        hub.drop(ECONOMY, "half-bad.json", input);
        hub.awaitInboxEmpty(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.files("error").stream()
                .filter(p -> p.toString().endsWith("-half-bad.json")).count() == 2);
        assertThat(rows("economic-development/half-bad.json")).as("the same file sent again is a second arrival")
                .isEqualTo(1000);
        assertThat(jdbc.queryForObject("select count(*) from quarantine_input where source = ?", Long.class,
                "economic-development/half-bad.json")).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from ledger_entry where update_id like 'half-%'", Long.class))
                .isEqualTo(500);
    }

    @Test
    @Order(4)
    void theSameArrivalTakenTwiceIsOneRowAndTwoEmptyFilesAreTwo() {
        Quarantine.Input arrival = new Quarantine.Input("file", ECONOMY, "economic-development/empty-1.json", 0,
                CanonicalJson.sha256(new byte[0]), new byte[0], null, "empty-1.json", null,
                Instant.parse("2026-12-01T08:00:00.123456789Z"));
        List<Quarantine.Rejected> empty = List.of(new Quarantine.Rejected(1, null, "the file is empty", null));

        List<Long> first = quarantine.record(arrival, empty);
        List<Long> again = quarantine.record(arrival, empty);
        List<Long> otherFile = quarantine.record(new Quarantine.Input("file", ECONOMY,
                "economic-development/empty-2.json", 0, arrival.sha256(), new byte[0], null, "empty-2.json", null,
                arrival.arrivedAt()), empty);
        List<Long> sentAgainLater = quarantine.record(new Quarantine.Input("file", ECONOMY, arrival.source(), 0,
                arrival.sha256(), new byte[0], null, "empty-1.json", null, arrival.arrivedAt().plusSeconds(60)), empty);

        assertThat(again).isEqualTo(first);
        assertThat(otherFile).doesNotContainAnyElementsOf(first);
        assertThat(sentAgainLater).doesNotContainAnyElementsOf(first).doesNotContainAnyElementsOf(otherFile);
    }

    @Test
    @Order(2)
    void aRejectedArrayElementKeepsItsOwnBytesAsSent() {
        String second = "{\"kind\": \"progress\",  \"note\": \"原样\"}";
        String input = "[" + Examples.progressJson().put("updateId", "own-1").put("sequence", 3000) + ",\n " + second + "]";
        hub.drop(ECONOMY, "own-bytes.json", input);
        await().atMost(Duration.ofSeconds(30)).until(() -> rows("economic-development/own-bytes.json") == 1);

        byte[] original = jdbc.queryForObject("select q.original from quarantine q where q.source = ?", byte[].class,
                "economic-development/own-bytes.json");
        assertThat(new String(original, StandardCharsets.UTF_8)).isEqualTo(second);
    }

    @Test
    @Order(3)
    void anOversizedInputIsRecordedWithItsTrueSizeAndHash() {
        byte[] big = new byte[1024 * 1024 + 512 * 1024];
        Arrays.fill(big, (byte) ' ');
        big[0] = '[';
        big[big.length - 1] = ']';
        hub.drop(ECONOMY, "big.json", big);
        await().atMost(Duration.ofSeconds(30)).until(() -> rows("economic-development/big.json") == 1);

        Map<String, Object> input = jdbc.queryForMap("select size, sha256, octet_length(stored) as kept from"
                + " quarantine_input where source = ?", "economic-development/big.json");
        assertThat(((Number) input.get("size")).longValue()).isEqualTo(big.length);
        assertThat(input.get("sha256")).isEqualTo(CanonicalJson.sha256(big));
        assertThat(((Number) input.get("kept")).longValue()).isLessThanOrEqualTo(1024 * 1024);
        assertThat(jdbc.queryForObject("select reason from quarantine where source = ?", String.class,
                "economic-development/big.json")).contains(big.length + " bytes", "limit is 1048576");
    }

    private long rows(String source) {
        return jdbc.queryForObject("select count(*) from quarantine where source = ?", Long.class, source);
    }

    private long storedBytes(String source) {
        return jdbc.queryForObject("select coalesce(sum(octet_length(original)), 0) from quarantine where source = ?",
                Long.class, source)
                + jdbc.queryForObject("select coalesce(sum(octet_length(stored)), 0) from quarantine_input"
                + " where source = ?", Long.class, source);
    }
}
