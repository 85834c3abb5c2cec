package org.rectificationhub.ingest;

import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionTimedOutException;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.concurrent.TimeoutException;

/**
 * Why something failed, decided in one place. A document's own fault never reaches here: the intake reads,
 * validates and lets the ledger rule on each document and turns a refusal into a rejection. What does reach here
 * is the hub's: a transient failure (database lock or connection, timeouts, the broker) is retried and, while it
 * lasts, nothing is acknowledged and nothing quarantined.
 */
public enum FailureCause {

    /** Worth retrying as it is: the input is fine, the hub's database or broker is not, for now. */
    TRANSIENT,
    /** The hub's own failure that a retry will not mend (a defect); the document is kept for an operator. */
    INTERNAL;

    public static FailureCause of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof TransactionTimedOutException || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SocketException || t instanceof SocketTimeoutException
                    || t instanceof TimeoutException || t instanceof RetriableException) {
                return TRANSIENT;
            }
            if (t instanceof SQLException sql && transientState(sql.getSQLState())) {
                return TRANSIENT;
            }
        }
        return INTERNAL;
    }

    /**
     * What Spring leaves uncategorised, told by the SQLState class: connection (08), transaction rollback such as
     * serialisation failure or deadlock (40), insufficient resources (53), lock not available (55P03), operator
     * intervention such as a cancelled statement (57), timeouts (HYT).
     */
    private static boolean transientState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                || state.equals("55P03") || state.startsWith("57") || state.startsWith("HYT"));
    }

    public static boolean isTransient(Throwable failure) {
        return of(failure) == TRANSIENT;
    }
}
