package org.rectificationhub.commission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.delivery.DeliveryRelays;
import org.rectificationhub.ingest.IngestReport;
import org.rectificationhub.ingest.Input;
import org.rectificationhub.ingest.Intake;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HubFolders;
import org.rectificationhub.support.MovableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rectificationhub.support.Examples.ECONOMY;
import static org.rectificationhub.support.Examples.OFFICE;

/**
 * Alerts and digests as time passes (the hub's clock moved by the test): the three-colour deadline warnings once per
 * level, regression and recurrence as reports arrive, silence, the day's refused reports on others' problems as
 * one summary, and the daily Excel digest as the office's ledger.
 */
@SpringBootTest(properties = {"hub.commission.poll=3600000", "hub.commission.window=0s", "hub.delivery.poll=3600000",
        "hub.commission.calendar-check=0s"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommissionAlertsTest {

    static final HubFolders hub = HubFolders.create();
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final MovableClock CLOCK = new MovableClock(Instant.now());
    static final LocalDate TODAY = LocalDate.now(CLOCK.withZone(ZONE));
    static final String ROUND = "alert-round";
    static final String CANARY = "CANARY-李某-" + System.nanoTime();
    static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"点此\")";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
    }

    @TestBean(name = "clock")
    Clock clock;

    static Clock clock() {
        return CLOCK;
    }

    @Autowired
    Intake intake;
    @Autowired
    DeliveryRelays relays;
    @Autowired
    CommissionFeed feed;
    @Autowired
    JdbcTemplate jdbc;

    /** Across the test methods (each has an instance of its own): every report a new updateId and sequence. */
    private static final java.util.concurrent.atomic.AtomicInteger SEQUENCE = new java.util.concurrent.atomic.AtomicInteger(100);

    @Test
    @Order(1)
    void deadlineWarningsComeGreenYellowRedOncePerLevel() {
        registered();
        tick();
        assertThat(deadlineAlerts()).containsExactlyInAnyOrder("14:0:yellow", "14:1:yellow");

        CLOCK.advance(Duration.ofDays(5));
        tick();
        tick();
        assertThat(deadlineAlerts()).containsExactlyInAnyOrder("14:0:yellow", "14:1:yellow", "14:0:red", "14:1:red",
                "1:0:green", "1:1:green", "1:2:green");

        CLOCK.advance(Duration.ofDays(10));
        tick();
        assertThat(deadlineAlerts()).contains("1:0:yellow", "1:1:yellow", "1:2:yellow").hasSize(10);
        assertThat(alerts("deadline")).allSatisfy(a -> assertThat(a.path("roundId").asText()).isEqualTo(ROUND));
    }

    @Test
    @Order(2)
    void aStepBackIsARegressionAndAClosedProblemReopenedByTheOfficeIsARecurrence() {
        report(14, null, "completed", "整改到位");
        report(14, null, "in-progress", "发现新问题，重新整改");
        report(1, null, "completed", "已完成");
        report(1, null, "closed", "经审核销号");
        report(1, null, "in-progress", "整改后再犯，重新整改");
        tick();

        assertThat(alerts("regression")).singleElement().satisfies(a -> {
            assertThat(a.path("problemNo").asInt()).isEqualTo(14);
            assertThat(a.path("from").asText()).isEqualTo("completed");
            assertThat(a.path("to").asText()).isEqualTo("in-progress");
        });
        assertThat(alerts("recurrence")).singleElement().satisfies(a -> {
            assertThat(a.path("problemNo").asInt()).isEqualTo(1);
            assertThat(a.path("from").asText()).isEqualTo("closed");
            assertThat(a.path("department").asText()).isEqualTo(OFFICE);
        });
        relays.drainAll(); // the same entries handed over again (a replay) raise nothing more
        tick();
        assertThat(alerts("regression")).hasSize(1);
        assertThat(alerts("recurrence")).hasSize(1);
    }

    @Test
    @Order(3)
    void anOpenProblemWithoutReportsForTheConfiguredDaysRaisesOneSilenceAlert() {
        tick();
        assertThat(alerts("silence")).isEmpty();
        CLOCK.advance(Duration.ofDays(31));
        tick();
        tick();
        assertThat(alerts("silence")).extracting(a -> a.path("problemNo").asInt()).containsExactlyInAnyOrder(1, 4, 14);
    }

    /** First, while the hub's clock still agrees with the quarantine's (which stamps refusals with the real time). */
    @Test
    @Order(0)
    void reportsOnOthersProblemsAreSummarisedOncePerDayNotAlertedOneByOne() {
        registered();
        LocalDate day = LocalDate.now(Clock.systemUTC().withZone(ZONE)); // the quarantine's own time
        for (int i = 0; i < 3; i++) {
            ObjectNode json = progress(4, null, "in-progress", "越权上报 " + i).put("department", ECONOMY)
                    .put("updateId", "not-mine-" + i);
            IngestReport report = intake.take(input(ECONOMY, json));
            assertThat(report.outcomes().get(0).reason()).contains(TimedAlerts.NOT_RESPONSIBLE);
        }
        tick();
        assertThat(alerts("unowned-reports")).noneMatch(a -> a.path("day").asText().equals(day.toString()));

        CLOCK.advance(Duration.between(CLOCK.instant(), day.plusDays(1).atStartOfDay(ZONE).toInstant()).plusHours(1));
        tick();
        tick();
        assertThat(alerts("unowned-reports")).filteredOn(a -> a.path("day").asText().equals(day.toString()))
                .singleElement().satisfies(a -> {
                    assertThat(a.path("refusedReports").path(ECONOMY).asInt()).isEqualTo(3);
                    assertThat(a.path("total").asInt()).isEqualTo(3);
                });
    }

    @Test
    @Order(5)
    void theDailyDigestIsTheOfficesLedgerWithConfidentialNamesAndFormulaLookingTextKeptInert() throws Exception {
        tick();
        assertThat(hub.dataDir().resolve("commission").resolve(LocalDate.now(CLOCK.withZone(ZONE)).toString()))
                .as("today's digest waits for the day to end").doesNotExist();
        ObjectNode json = progress(4, 1, "in-progress", FORMULA);
        ((ArrayNode) json.putArray("accountability")).addObject().put("action", "约谈提醒").put("count", 1)
                .putArray("subjects").add(CANARY);
        IngestReport report = intake.take(input(OFFICE, json));
        assertThat(report.allRecorded()).as(report.toString()).isTrue();
        CLOCK.advance(Duration.ofDays(1));
        tick();

        LocalDate yesterday = LocalDate.now(CLOCK.withZone(ZONE)).minusDays(1);
        Path folder = hub.dataDir().resolve("commission").resolve(yesterday.toString());
        assertThat(folder.resolve(ROUND + ".json")).content(StandardCharsets.UTF_8).contains(CANARY);
        try (InputStream in = Files.newInputStream(folder.resolve(ROUND + ".xlsx"));
             XSSFWorkbook book = new XSSFWorkbook(in)) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(texts(sheet.getRow(1))).containsExactlyElementsOf(LedgerWorkbook.COLUMNS);
            assertThat(sheet.getLastRowNum() - 1).as("one row per measure: 2 + 2 + 1").isEqualTo(5);
            List<String> measure41 = texts(sheet.getRow(4));
            assertThat(measure41.get(0)).isEqualTo("4");
            assertThat(measure41.get(3)).startsWith("1. ");
            assertThat(measure41.get(8)).isEqualTo("'" + FORMULA);
            assertThat(sheet.getRow(4).getCell(8).getCellType()).isEqualTo(CellType.STRING);
            assertThat(measure41.get(11)).contains("约谈提醒", CANARY);
        }
        long days = digestFolders();
        tick();
        assertThat(digestFolders()).as("one digest per day").isEqualTo(days);
    }

    private long digestFolders() throws java.io.IOException {
        try (var folders = Files.list(hub.dataDir().resolve("commission"))) {
            return folders.count();
        }
    }

    /** The example round, its problem 14 due in 4 days and problem 1 in 24 (problem 4 is long-term). */
    private void registered() {
        if (jdbc.queryForObject("select count(*) from round where round_id = ?", Long.class, ROUND) == 0) {
            register(TODAY.plusDays(24), TODAY.plusDays(4));
        }
    }

    private void register(LocalDate deadlineOf1, LocalDate deadlineOf14) {
        ObjectNode json = Examples.roundJson().put("updateId", "register-" + ROUND);
        ((ObjectNode) json.get("round")).put("roundId", ROUND);
        for (JsonNode problem : json.get("problems")) {
            int no = problem.path("problemNo").asInt();
            if (no == 1 || no == 14) {
                ((ObjectNode) problem).put("deadline", (no == 1 ? deadlineOf1 : deadlineOf14).toString());
            }
        }
        assertThat(intake.take(input(OFFICE, json)).allRecorded()).isTrue();
    }

    private void report(int problemNo, Integer measureSeq, String status, String progress) {
        IngestReport report = intake.take(input(OFFICE, progress(problemNo, measureSeq, status, progress)));
        assertThat(report.allRecorded()).as(status + " on problem " + problemNo + ": " + report).isTrue();
    }

    private ObjectNode progress(int problemNo, Integer measureSeq, String status, String progress) {
        ObjectNode json = Examples.progressJson();
        json.remove(List.of("measureSeq", "evidence", "accountability", "exemption"));
        if (measureSeq != null) {
            json.put("measureSeq", measureSeq);
        }
        int sequence = SEQUENCE.incrementAndGet();
        return json.put("department", OFFICE).put("updateId", "alert-" + sequence).put("roundId", ROUND)
                .put("problemNo", problemNo).put("sequence", sequence).put("status", status).put("progress", progress);
    }

    private void tick() {
        relays.drainAll();
        feed.tick();
    }

    private List<String> deadlineAlerts() {
        return alerts("deadline").stream().map(a -> a.path("problemNo").asInt() + ":" + a.path("measureSeq").asInt(0)
                + ":" + a.path("level").asText()).toList();
    }

    /** The alerts of a kind as they were put on the feed (with Kafka off: marked published, kept in the table). */
    private List<JsonNode> alerts(String kind) {
        List<JsonNode> out = new ArrayList<>();
        for (Map<String, Object> row : jdbc.queryForList("select alert_json, published_at from commission_alert"
                + " where kind = ? order by id", kind)) {
            assertThat(row.get("published_at")).as("sent on the feed").isNotNull();
            try {
                out.add(CanonicalJson.readTree(String.valueOf(row.get("alert_json"))));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static List<String> texts(Row row) {
        List<String> out = new ArrayList<>();
        for (Cell cell : row) {
            out.add(cell.getStringCellValue());
        }
        return out;
    }

    private static Input input(String department, JsonNode json) {
        return Input.of("test", department, json.path("updateId").asText(),
                CanonicalJson.write(json).getBytes(StandardCharsets.UTF_8), null, null);
    }
}
