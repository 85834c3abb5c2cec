package org.rectificationhub.ledger;

import org.rectificationhub.canonical.Status;

import java.util.List;
import java.util.Map;

/** The current state of one problem, as the rules need it. */
record ProblemState(String roundId, int problemNo, List<String> responsibleUnits, Status status,
                    Map<Integer, Status> measures) {
}
