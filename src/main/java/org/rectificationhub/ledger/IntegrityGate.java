package org.rectificationhub.ledger;

import org.rectificationhub.HubProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Whether the ledger may be appended to. Once verification finds the chain or the state broken, nothing more is
 * appended onto it (the channels then acknowledge nothing) until an operator has looked and cleared the break. The
 * break lives in the database (ledger_break): a restart keeps it and every instance honours it. The append path
 * reads it through a cache of {@code hub.ledger.halt-cache}; the instance that halts sees it at once.
 */
@Component
public class IntegrityGate {

    /** What verification found, where, and when. */
    public record Break(Long entry, String problem, Instant at) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final String instanceId;
    private final long cacheNanos;
    private final Clock clock = Clock.systemUTC();

    private volatile Optional<Break> cached = Optional.empty();
    private volatile long readAt;
    private volatile boolean read;

    IntegrityGate(JdbcTemplate jdbc, HubProperties properties,
                  @Value("${hub.ledger.halt-cache:1s}") Duration cacheFor) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        this.instanceId = properties.instanceId();
        this.cacheNanos = cacheFor.toNanos();
    }

    /**
     * Records a break, holding the chain's lock while it does: an append that takes the lock after it sees the halt.
     * The same thing found again while it is open is not recorded twice.
     */
    void halt(String problem, Long entry, Finding finding) {
        transactions.executeWithoutResult(tx -> {
            new EntryLog(jdbc).lockHead();
            Integer open = jdbc.queryForObject("select count(*) from ledger_break where cleared_at is null"
                    + " and accept_kind = ? and accept_key = ?", Integer.class, finding.kind(), finding.key());
            if (open == 0) {
                jdbc.update("insert into ledger_break (found_at, hub_instance, entry_id, problem, at_position,"
                                + " accept_kind, accept_key, accept_value) values (?,?,?,?,?,?,?,?)", now(), instanceId,
                        entry, problem, finding.atPosition(), finding.kind(), finding.key(), finding.value());
            }
        });
        refresh();
    }

    /**
     * Clears every open break, accepting what each names as it stood, with the chain head at the clearing.
     * Returns the first of them; empty when nothing was broken.
     */
    Optional<Break> clear(String operator, String reason, EntryLog.Head head) {
        Optional<Break> first = open();
        jdbc.update("update ledger_break set cleared_at = ?, cleared_by = ?, clear_reason = ?, cleared_position = ?,"
                + " cleared_hash = ? where cleared_at is null", now(), operator, reason, head.position, head.hash);
        refresh();
        return first;
    }

    /** The oldest break not cleared, as the database held it at most halt-cache ago. */
    public Optional<Break> broken() {
        if (!read || System.nanoTime() - readAt > cacheNanos) {
            refresh();
        }
        return cached;
    }

    /** Thrown instead of appending onto a broken ledger. */
    void requireOpen() {
        broken().ifPresent(found -> {
            throw new LedgerHaltedException(found);
        });
    }

    private void refresh() {
        cached = open();
        readAt = System.nanoTime();
        read = true;
    }

    private Optional<Break> open() {
        List<Break> open = jdbc.query("select entry_id, problem, found_at from ledger_break where cleared_at is null"
                + " order by id limit 1", (rs, i) -> new Break((Long) rs.getObject(1, Long.class), rs.getString(2),
                rs.getObject(3, OffsetDateTime.class).toInstant()));
        return open.stream().findFirst();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
