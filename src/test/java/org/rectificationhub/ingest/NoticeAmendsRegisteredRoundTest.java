package org.rectificationhub.ingest;

import org.junit.jupiter.api.Test;
import org.rectificationhub.ledger.LedgerQueries;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rectificationhub.support.Examples.OFFICE;
import static org.rectificationhub.support.Examples.ROUND_ID;

/**
 * The office registered the round as JSON under its own id; the public notice of the same inspection (same team,
 * organisation and feedback date) later amends that round instead of starting another, and keeps who answers
 * for which problem.
 */
@SpringBootTest
class NoticeAmendsRegisteredRoundTest {

    static final HubFolders hub = HubFolders.create();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
    }

    @Autowired
    LedgerQueries queries;

    @Test
    void theNoticeOfARegisteredInspectionAmendsThatRoundAndKeepsItsAssignments() throws IOException {
        hub.drop(OFFICE, "round.json", Examples.roundJson().toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.roundExists(ROUND_ID));

        try (InputStream in = getClass().getClassLoader().getResourceAsStream("samples/notices/guancheng-2025.txt")) {
            hub.drop(OFFICE, "notice.txt", in.readAllBytes());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> queries.problems(ROUND_ID).orElseThrow().size() == 20);

        assertThat(queries.rounds()).hasSize(1);
        Map<String, Object> first = queries.problems(ROUND_ID).orElseThrow().get(0);
        assertThat(first.get("responsibleUnits").toString()).contains(Examples.ECONOMY);
        assertThat((List<?>) first.get("measures")).hasSize(3);
    }
}
