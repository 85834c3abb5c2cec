package org.rectificationhub.ledger;

import org.springframework.dao.TransientDataAccessException;

/**
 * The ledger refuses to append while a verified break is not cleared. Transient by kind: the input is fine and is
 * taken again once an operator has cleared the break, so channels acknowledge nothing meanwhile.
 */
public class LedgerHaltedException extends TransientDataAccessException {

    LedgerHaltedException(IntegrityGate.Break found) {
        super("the ledger is halted: verification found " + (found.entry() == null ? "" : "entry " + found.entry()
                + ": ") + found.problem() + "; an operator must clear it (POST /api/ledger/integrity/clear)");
    }
}
