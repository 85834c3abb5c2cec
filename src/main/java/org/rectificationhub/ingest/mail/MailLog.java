package org.rectificationhub.ingest.mail;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The mails the hub has taken, by Message-ID and content together (a mail read again after a crash, or delivered
 * twice, is taken once; a different mail reusing a Message-ID is taken as well), each with its reply: noted before
 * it is sent, so a reply goes out once the mail is recorded even if the hub dies first (again under the same
 * Message-ID), and retried from here rather than by reading the mail again. An operator's replay of a part adds a
 * follow-up reply under the mail's key.
 */
@Component
class MailLog {

    static final String NONE = "none";
    static final String PENDING = "pending";
    static final String SENT = "sent";
    static final String FAILED = "failed";

    /** A reply waiting to be sent, or failing. */
    record Reply(String key, String content, String replyId, String to, String subject, String body,
                 String inReplyTo, int attempts, String error, Instant failingSince, Instant nextAt) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    MailLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    boolean taken(String key, String content) {
        return jdbc.queryForObject("select count(*) from mail_message where message_key = ? and content_sha256 = ?",
                Integer.class, key, content) > 0;
    }

    /** The mail taken, with its reply (pending) or none; a second note of the same mail changes nothing. */
    void taken(String key, RawMail raw, String sender, String department, MailReplies.Reply reply) {
        note(key, raw.content(), raw.sha256(), sender, department, reply);
    }

    /** Whom a department's mail came from, and the subject of the reply it got (if one was due): a follow-up's. */
    record Answered(String sender, String replySubject, String sha256) {
    }

    Optional<Answered> answered(String key, String department) {
        return jdbc.query("select sender, reply_subject, sha256 from mail_message where message_key = ? and department = ?"
                        + " and reply_id is not null order by answered_at fetch first 1 rows only",
                (rs, n) -> new Answered(rs.getString("sender"), rs.getString("reply_subject"), rs.getString("sha256")),
                key, department).stream().findFirst();
    }

    /**
     * A follow-up reply to a mail taken before (an operator replayed a part of it): kept under the mail's key with a
     * content hash of its own, pending and sent like any reply.
     */
    void followUp(String key, String content, Answered mail, String department, MailReplies.Reply reply) {
        note(key, content, mail.sha256(), mail.sender(), department, reply);
    }

    private void note(String key, String content, String sha256, String sender, String department,
                      MailReplies.Reply reply) {
        jdbc.update("insert into mail_message (message_key, content_sha256, sha256, sender, department, answered_at,"
                        + " reply_id, reply_to, reply_subject, reply_body, reply_state, reply_attempts, reply_next_at)"
                        + " select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ? where not exists"
                        + " (select 1 from mail_message where message_key = ? and content_sha256 = ?)",
                key, content, sha256, sender, department, Timestamp.from(clock.instant()),
                reply == null ? null : reply.id(), reply == null ? null : reply.to(),
                reply == null ? null : reply.subject(), reply == null ? null : reply.body(),
                reply == null ? NONE : PENDING, reply == null ? null : Timestamp.from(clock.instant()),
                key, content);
    }

    /** Pending replies whose time has come, oldest first. */
    List<Reply> due(int max) {
        return jdbc.query("select * from mail_message where reply_state = ? and reply_next_at <= ?"
                + " order by reply_next_at, answered_at fetch first ? rows only", (rs, n) -> reply(rs), PENDING,
                Timestamp.from(clock.instant()), max);
    }

    /** Replies refused for good, and pending ones that failed at least once: what operators are shown. */
    List<Reply> failing() {
        return jdbc.query("select * from mail_message where reply_state = ? or reply_state = ? and reply_attempts > 0"
                + " order by reply_failing_since", (rs, n) -> reply(rs), FAILED, PENDING);
    }

    void sent(Reply reply) {
        jdbc.update("update mail_message set reply_state = ?, reply_attempts = ?, reply_next_at = null"
                        + " where message_key = ? and content_sha256 = ?", SENT, reply.attempts() + 1, reply.key(),
                reply.content());
    }

    /** A failed attempt: tried again at {@code next}, or failed for good when {@code next} is null. */
    void attemptFailed(Reply reply, String error, Instant next) {
        Instant since = reply.failingSince() == null ? clock.instant() : reply.failingSince();
        jdbc.update("update mail_message set reply_state = ?, reply_attempts = ?, reply_error = ?,"
                        + " reply_failing_since = ?, reply_next_at = ? where message_key = ? and content_sha256 = ?",
                next == null ? FAILED : PENDING, reply.attempts() + 1, error, Timestamp.from(since),
                next == null ? null : Timestamp.from(next), reply.key(), reply.content());
    }

    private static Reply reply(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp since = rs.getTimestamp("reply_failing_since");
        Timestamp next = rs.getTimestamp("reply_next_at");
        return new Reply(rs.getString("message_key"), rs.getString("content_sha256"), rs.getString("reply_id"),
                rs.getString("reply_to"), rs.getString("reply_subject"), rs.getString("reply_body"),
                rs.getString("message_key").startsWith("content:") ? null : rs.getString("message_key"),
                rs.getInt("reply_attempts"), rs.getString("reply_error"),
                since == null ? null : since.toInstant(), next == null ? null : next.toInstant());
    }
}
