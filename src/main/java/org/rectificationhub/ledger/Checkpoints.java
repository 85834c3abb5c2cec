package org.rectificationhub.ledger;

import org.rectificationhub.DataDir;
import org.rectificationhub.HubProperties;
import org.rectificationhub.canonical.CanonicalJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Signed checkpoints of the chain head: kept in the database and appended to
 * $HUB_DATA_DIR/checkpoints/checkpoints.jsonl (one JSON object a line), and published, so that copies outside the
 * database hold the hub to its history: a rewrite of the chain, even with recomputed hashes, contradicts them.
 */
@Component
public class Checkpoints {

    private static final RowMapper<Checkpoint> ROW = (rs, i) -> new Checkpoint(rs.getLong(1), rs.getString(2),
            rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4), rs.getString(5), rs.getString(6));

    private final JdbcTemplate jdbc;
    private final SigningKeys keys;
    private final String instanceId;
    private final Path file;
    private final Clock clock = Clock.systemUTC();

    Checkpoints(JdbcTemplate jdbc, SigningKeys keys, HubProperties properties) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.instanceId = properties.instanceId();
        this.file = properties.dataDir().toAbsolutePath().normalize().resolve("checkpoints").resolve("checkpoints.jsonl");
    }

    /** Signs that entry {@code position} has hash {@code headHash}: stored, and appended to the file. */
    Checkpoint sign(long position, String headHash) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Checkpoint unsigned = new Checkpoint(position, headHash, now, instanceId, keys.publicKey(), "");
        Checkpoint signed = new Checkpoint(position, headHash, now, instanceId, keys.publicKey(),
                keys.sign(unsigned.payload()));
        jdbc.update("insert into ledger_checkpoint (position, head_hash, signed_at, hub_instance, public_key, signature)"
                        + " values (?,?,?,?,?,?)", position, headHash, OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
                instanceId, signed.publicKey(), signed.signature());
        append(signed);
        return signed;
    }

    /** Every checkpoint the database holds, oldest first. */
    public List<Checkpoint> stored() {
        return jdbc.query("select position, head_hash, signed_at, hub_instance, public_key, signature"
                + " from ledger_checkpoint order by position, id", ROW);
    }

    /** The checkpoints for entries after a position: what a walk from that position is held to. */
    public List<Checkpoint> storedAfter(long position) {
        return jdbc.query("select position, head_hash, signed_at, hub_instance, public_key, signature"
                + " from ledger_checkpoint where position > ? order by position, id", ROW, position);
    }

    /** The latest checkpoints, newest first: what an operator looks at. */
    public List<Checkpoint> newest(int limit) {
        return jdbc.query("select position, head_hash, signed_at, hub_instance, public_key, signature"
                + " from ledger_checkpoint order by position desc, id desc limit ?", ROW, limit);
    }

    /**
     * The start-up anchor: the latest checkpoint whose signature verifies under a trusted key. The rows after it
     * that do not (planted, or of a key no longer trusted) are returned to be reported, at most twenty of them.
     */
    Anchor anchor() {
        List<Checkpoint> untrusted = new ArrayList<>();
        java.util.Set<String> trusted = trustedKeys();
        for (int offset = 0; ; offset += 100) {
            List<Checkpoint> page = jdbc.query("select position, head_hash, signed_at, hub_instance, public_key,"
                    + " signature from ledger_checkpoint order by position desc, id desc limit 100 offset ?", ROW, offset);
            for (Checkpoint checkpoint : page) {
                if (trusted.contains(checkpoint.publicKey())
                        && SigningKeys.valid(checkpoint.publicKey(), checkpoint.payload(), checkpoint.signature())) {
                    return new Anchor(Optional.of(checkpoint), untrusted);
                }
                if (untrusted.size() < 20) {
                    untrusted.add(checkpoint);
                }
            }
            if (page.size() < 100) {
                return new Anchor(Optional.empty(), untrusted);
            }
        }
    }

    /** The latest trusted checkpoint, and the newer rows that could not be trusted. */
    record Anchor(Optional<Checkpoint> checkpoint, List<Checkpoint> untrusted) {
    }

    /** The hub's own copy outside the database. */
    public Path file() {
        return file;
    }

    public String publicKey() {
        return keys.publicKey();
    }

    /** The keys whose checkpoints verification holds the chain to. */
    java.util.Set<String> trustedKeys() {
        return keys.trusted();
    }

    static String line(Checkpoint checkpoint) {
        return CanonicalJson.write(checkpoint.published());
    }

    private void append(Checkpoint checkpoint) {
        DataDir.appendPrivate(file, line(checkpoint) + "\n");
    }
}
