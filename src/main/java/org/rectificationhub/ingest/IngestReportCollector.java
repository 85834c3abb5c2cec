package org.rectificationhub.ingest;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Gathers the per-document outcomes of a split input into one IngestReport. */
@Component("ingestReportCollector")
class IngestReportCollector implements AggregationStrategy {

    private static final String OUTCOMES = "hubOutcomes";

    @Override
    public Exchange aggregate(Exchange collected, Exchange next) {
        throw new UnsupportedOperationException("the splitter calls the three-argument form");
    }

    /**
     * Collects onto the input exchange itself: a document's quarantine marks its own sub-exchange as handled,
     * and that mark must not stop the input's route after the split.
     */
    @Override
    public Exchange aggregate(Exchange collected, Exchange next, Exchange input) {
        Exchange result = input;
        @SuppressWarnings("unchecked")
        List<IngestOutcome> outcomes = result.getProperty(OUTCOMES, List.class);
        if (outcomes == null) {
            outcomes = new ArrayList<>();
            result.setProperty(OUTCOMES, outcomes);
        }
        if (next.getException() != null) {
            // Not even quarantined (e.g. the database is down): the whole input must fail, so that the channel
            // does not acknowledge it and takes it again.
            result.setException(next.getException());
            return result;
        }
        IngestOutcome outcome = next.getMessage().getBody(IngestOutcome.class);
        if (outcome != null) {
            outcomes.add(outcome);
        }
        return result;
    }

    @Override
    public void onCompletion(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<IngestOutcome> outcomes = exchange.getProperty(OUTCOMES, List.class);
        List<IngestOutcome> sorted = new ArrayList<>(outcomes == null ? List.of() : outcomes);
        sorted.sort(Comparator.comparingInt(IngestOutcome::index));
        exchange.removeProperty(OUTCOMES);
        exchange.getMessage().setBody(new IngestReport(sorted));
    }
}
