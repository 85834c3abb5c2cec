package org.rectificationhub.ingest.mail;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;

/**
 * The mails the hub has answered, by Message-ID (or, without one, the mail's SHA-256): a mail read again (a crash
 * before it was marked seen, a second poll) has its parts recorded once by the ledger, and is answered once.
 */
@Component
class MailLog {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    MailLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    boolean answered(String key) {
        return !jdbc.queryForList("select 1 from mail_message where message_key = ?", Integer.class, key).isEmpty();
    }

    void answered(String key, String sha256, String sender, String department, String replyId) {
        jdbc.update("insert into mail_message (message_key, sha256, sender, department, answered_at, reply_id)"
                        + " select ?, ?, ?, ?, ?, ? where not exists (select 1 from mail_message where message_key = ?)",
                key, sha256, sender, department, Timestamp.from(clock.instant()), replyId, key);
    }
}
