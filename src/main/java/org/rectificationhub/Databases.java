package org.rectificationhub;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Locale;

/** Which database the hub runs on, where SQL must differ (row locking, triggers). */
public final class Databases {

    private Databases() {
    }

    public static boolean isPostgres(JdbcTemplate jdbc) {
        String product = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
        return product != null && product.toLowerCase(Locale.ROOT).contains("postgres");
    }
}
