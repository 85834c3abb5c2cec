package org.rectificationhub.ingest;

import org.rectificationhub.BatchStages;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ledger.CommitResult;
import org.rectificationhub.ledger.Quarantine;
import org.rectificationhub.ledger.Submission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one intake path of every channel. An input (its bytes and what the channel proves and knows) is read into
 * documents, each validated once; the valid ones of all inputs given together are committed together, in ledger
 * transactions bounded in documents and bytes ({@link IntakeCommits}: usually one); each rejected one is quarantined
 * on its own with a reason for the sender. The answer is one outcome
 * per document, which each channel renders its own way (a reason file, a Kafka receipt, a mail reply).
 * What escapes is the hub's own failure (see {@link FailureCause}): the channel then acknowledges nothing.
 */
@Component("intake")
public class Intake {

    /** The document index of a parked input ({@link Parking}): all its documents are kept, and replayed. */
    public static final int WHOLE_INPUT = 0;
    private static final Logger log = LoggerFactory.getLogger(Intake.class);
    private static final int MAX_HEADERS = 32;
    private static final int MAX_HEADER_CHARS = 256;
    /** ledger_entry.source */
    private static final int MAX_SOURCE_CHARS = 512;

    private final InputReader reader;
    private final IntakeCommits commits;
    private final Quarantine quarantine;
    private final IngestMetrics metrics;
    private final SecurityEvents security;
    private final BatchStages stages;
    private final BatchReading reads;
    private final ApplicationEventPublisher events;

    Intake(InputReader reader, IntakeCommits commits, Quarantine quarantine, IngestMetrics metrics, SecurityEvents security,
           BatchStages stages, BatchReading reads, ApplicationEventPublisher events) {
        this.events = events;
        this.stages = stages;
        this.reads = reads;
        this.reader = reader;
        this.commits = commits;
        this.quarantine = quarantine;
        this.metrics = metrics;
        this.security = security;
    }

    /** One input, one ledger transaction (a file, a mail part). */
    public IngestReport take(Input input) {
        return takeAll(List.of(input)).get(0);
    }

    /**
     * An input the channel refuses as a whole before reading it (a file that never settled or cannot be read):
     * quarantined with the channel's reason, counted and logged like any rejection.
     */
    public IngestReport refuse(Input input, String reason) {
        return report(input, List.of(Reading.rejected(1, null, reason, null)), Collections.emptyIterator());
    }

    /** Several inputs, their valid documents committed together (a Kafka batch, a poll's files); reports in order. */
    public List<IngestReport> takeAll(List<Input> inputs) {
        long started = System.nanoTime();
        List<List<Reading>> readings = reads.readAll(inputs);
        List<Submission> submissions = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Input input = inputs.get(i);
            readings.get(i).forEach(reading -> submit(input, reading, submissions));
        }
        stages.lap("read", started);
        Iterator<CommitResult> results = commit(submissions).iterator();
        long reported = System.nanoTime();
        List<IngestReport> reports = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            reports.add(report(inputs.get(i), readings.get(i), results));
        }
        stages.lap("report", reported);
        return reports;
    }

    /**
     * One document of an input taken again (an operator's replay from quarantine): the input is read as it was the
     * first time and only the document at that index goes on; the others were recorded or quarantined then.
     * Rejected again, it is quarantined as before, and the same input and index find the same quarantine row.
     * A parked input ({@link #WHOLE_INPUT}) is taken whole. What became of it is published ({@link Retaken}) in the
     * caller's transaction, for the channel to tell the sender (a Kafka receipt) once it commits.
     */
    public IngestOutcome retake(Input input, int documentIndex) {
        if (documentIndex == WHOLE_INPUT) {
            // a parked input: every document of it goes on; what the operator is told is its first refusal, if any
            List<IngestOutcome> outcomes = take(input).outcomes();
            events.publishEvent(new Retaken(input, outcomes));
            return outcomes.stream().filter(IngestOutcome::isRejected).findFirst().orElse(outcomes.get(0));
        }
        Reading reading = Reading.at(reader.read(input), documentIndex);
        List<Submission> submissions = new ArrayList<>(1);
        submit(input, reading, submissions);
        IngestOutcome outcome = report(input, List.of(reading), commit(submissions).iterator()).outcomes().get(0);
        events.publishEvent(new Retaken(input, List.of(outcome)));
        return outcome;
    }

    private void submit(Input input, Reading reading, List<Submission> submissions) {
        if (reading.isValid()) {
            noteClaimedIdentity(input, reading);
            security.noteExemption(input, reading.document());
            submissions.add(new Submission(reading.document(), input.sender(), input.channel(),
                    ledgerSource(input)));
        }
    }

    /**
     * Where an entry came from, as the ledger keeps it: the channel's reference (topic-partition@offset, the mail's
     * Message-ID and part, the file's name in its inbox) and the SHA-256 of the input as it arrived. A file's name is
     * used again and again (every week's progress.xlsx); with its hash the entry leads back to the one file in
     * archive/ it was read from, and on every channel to the exact bytes.
     */
    static String ledgerSource(Input input) {
        String hash = input.sha256() == null ? "" : " sha256:" + input.sha256();
        String reference = input.source() == null ? "" : input.source();
        int room = MAX_SOURCE_CHARS - hash.length();
        return (reference.length() > room ? reference.substring(0, room - 1) + "…" : reference) + hash;
    }

    private void noteClaimedIdentity(Input input, Reading reading) {
        String claimed = reading.document().department();
        if (input.sender() != null && !input.sender().equals(claimed)) {
            security.departmentMismatch(input.channel(), input.sender(), claimed, input.source());
        }
    }

    /** The ledger's refusal of one document is a rejection; only the hub's own failures escape. */
    private List<CommitResult> commit(List<Submission> submissions) {
        return submissions.isEmpty() ? List.of() : commits.commit(submissions);
    }

    private IngestReport report(Input input, List<Reading> readings, Iterator<CommitResult> results) {
        List<IngestOutcome> outcomes = new ArrayList<>(readings.size());
        List<Quarantine.Rejected> rejected = new ArrayList<>();
        for (Reading reading : readings) {
            String reason = reading.reason();
            if (reading.isValid()) {
                CommitResult result = results.next();
                if (result.isRecorded()) {
                    outcomes.add(IngestOutcome.of(reading.index(), reading.updateId(), reading.document(), result));
                    continue;
                }
                reason = result.reason();
            }
            rejected.add(new Quarantine.Rejected(reading.index(), reading.updateId(), Reasons.bounded(reason),
                    reading.ownBytes()));
            outcomes.add(null);
        }
        if (!rejected.isEmpty()) {
            Iterator<Long> ids = quarantine.record(quarantineInput(input), rejected).iterator();
            Iterator<Quarantine.Rejected> each = rejected.iterator();
            outcomes.replaceAll(outcome -> outcome != null ? outcome : rejectedOutcome(each.next(), ids.next()));
        }
        outcomes.forEach(outcome -> note(input, outcome));
        return new IngestReport(outcomes);
    }

    /** The input as the quarantine keeps it. */
    static Quarantine.Input quarantineInput(Input input) {
        return new Quarantine.Input(input.channel(), input.sender(), input.source(), input.size(), input.sha256(),
                input.bytes(), headers(input), input.fileName(), input.declaredCharset(), input.receivedAt());
    }

    private static IngestOutcome rejectedOutcome(Quarantine.Rejected rejected, long quarantineId) {
        return IngestOutcome.rejected(rejected.documentIndex(), rejected.updateId(), rejected.reason(), quarantineId);
    }

    /** Counted, and logged with the document's correlation (department, channel, updateId) in the MDC. */
    private void note(Input input, IngestOutcome outcome) {
        metrics.count(input.channel(), input.sender(), outcome.status());
        try (MDC.MDCCloseable department = MDC.putCloseable("department", String.valueOf(input.sender()));
             MDC.MDCCloseable channel = MDC.putCloseable("channel", input.channel());
             MDC.MDCCloseable updateId = MDC.putCloseable("updateId", String.valueOf(outcome.updateId()))) {
            if (outcome.isRejected()) {
                log.info("{} document {}: rejected, quarantine #{}: {}", input.source(), outcome.index(),
                        outcome.quarantineId(), outcome.reason());
            } else {
                log.debug("{} document {}: {} as entry {}", input.source(), outcome.index(), outcome.status(),
                        outcome.entryId());
            }
        }
    }

    /** The channel's headers kept beside a quarantined input: a bounded number, each value cut short. */
    private static String headers(Input input) {
        if (input.headers().isEmpty()) {
            return null;
        }
        Map<String, String> kept = new LinkedHashMap<>();
        input.headers().entrySet().stream().sorted(Map.Entry.comparingByKey()).limit(MAX_HEADERS).forEach(e ->
                kept.put(cut(e.getKey(), 64), cut(e.getValue(), MAX_HEADER_CHARS)));
        return CanonicalJson.write(kept);
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
