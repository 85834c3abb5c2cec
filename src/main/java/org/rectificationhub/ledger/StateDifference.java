package org.rectificationhub.ledger;

/** A difference between the current state and the replayed log: what to tell, and what clearing it accepts. */
record StateDifference(String problem, Finding finding) {
}
