package org.rectificationhub;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;

/**
 * The database as the hub uses it: the ledger's head read through the pool, as a prepared statement with a timeout.
 * A connection that only says it is valid is not enough: an embedded H2 whose store has closed after a failure keeps
 * its sessions, and Boot's own check (Connection.isValid) answered UP while every query failed and nothing could be
 * recorded. Named as Boot's indicator, it replaces it as health's {@code db} component; DOWN says the error and since
 * when, and turns the hub's health DOWN.
 */
@Component("dbHealthIndicator")
class DatabaseHealth extends AbstractHealthIndicator {

    static final String QUERY = "select position from ledger_head where id = ?";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile Instant failingSince;
    private volatile String product;

    DatabaseHealth(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setQueryTimeout(5);
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        try {
            Long head = jdbc.queryForObject(QUERY, Long.class, 1);
            if (product == null) {
                product = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
            }
            failingSince = null;
            builder.up().withDetail("database", product).withDetail("ledgerHead", head);
        } catch (DataAccessException failure) {
            Instant since = failingSince;
            if (since == null) {
                since = clock.instant();
                failingSince = since;
            }
            builder.down().withDetail("error", String.valueOf(failure.getMostSpecificCause()))
                    .withDetail("since", since.toString());
        }
    }
}
