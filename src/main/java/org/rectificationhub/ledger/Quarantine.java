package org.rectificationhub.ledger;

import org.rectificationhub.HubProperties;
import org.rectificationhub.canonical.CanonicalJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every rejected input, with its original bytes and a reason a person can act on. */
@Component
public class Quarantine {

    /**
     * @param documentIndex which document of a multi-document input failed, from 1; null for the input as a whole
     */
    public record Item(String channel, String department, String source, Integer documentIndex, String updateId,
                       String reason, byte[] original) {
    }

    private final JdbcTemplate jdbc;
    private final String instanceId;
    private final int maxStoredBytes;

    Quarantine(JdbcTemplate jdbc, HubProperties properties) {
        this.jdbc = jdbc;
        this.instanceId = properties.instanceId();
        this.maxStoredBytes = (int) Math.min(Integer.MAX_VALUE - 8, properties.limits().maxInputSize().toBytes());
    }

    public long record(Item item) {
        byte[] original = item.original() == null ? new byte[0] : item.original();
        // Above the input limit only a prefix is kept; size and digest still identify the whole input.
        byte[] stored = original.length > maxStoredBytes ? Arrays.copyOf(original, maxStoredBytes) : original;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        Object[] values = {now, instanceId, item.channel(), truncate(item.department(), 64),
                truncate(item.source(), 512), item.documentIndex(), truncate(item.updateId(), 128), item.reason(),
                (long) original.length, CanonicalJson.sha256(original), stored};
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("insert into quarantine (received_at, hub_instance, channel,"
                    + " department, source, document_index, update_id, reason, original_size, original_sha256,"
                    + " original) values (?,?,?,?,?,?,?,?,?,?,?)", new String[] {"id"});
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    public List<Map<String, Object>> recent(int limit) {
        return jdbc.query("select id, received_at, channel, department, source, document_index, update_id, reason,"
                + " original_size from quarantine order by id desc limit ?", (rs, i) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", rs.getLong("id"));
            row.put("receivedAt", rs.getObject("received_at", OffsetDateTime.class));
            row.put("channel", rs.getString("channel"));
            row.put("department", rs.getString("department"));
            row.put("source", rs.getString("source"));
            row.put("documentIndex", rs.getObject("document_index"));
            row.put("updateId", rs.getString("update_id"));
            row.put("reason", rs.getString("reason"));
            row.put("originalSize", rs.getLong("original_size"));
            return row;
        }, limit);
    }

    public byte[] original(long id) {
        List<byte[]> rows = jdbc.query("select original from quarantine where id = ?", (rs, i) -> rs.getBytes(1), id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
