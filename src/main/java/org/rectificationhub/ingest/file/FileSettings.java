package org.rectificationhub.ingest.file;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * The file channel's settings (prefix {@code hub.file}) that its Java needs; the route reads the same keys.
 *
 * @param settleTime  a file is taken once it has not changed for this long
 * @param lockTimeout a file still changing, or unreadable, for this long is quarantined instead of waited for
 * @param exclude     names the channel never takes (temporary names): left alone, never moved aside;
 *                    names starting with a dot always are
 * @param shareFiles  files of one department one poll takes at most ({@link InboxShares})
 * @param shareBytes  bytes of one department's files one poll takes at most (its oldest file whatever its size)
 * @param readBytes   files read into memory at a time ({@link InboxBatch}); a larger file is read on its own
 */
@ConfigurationProperties("hub.file")
record FileSettings(
        @DefaultValue("1000ms") Duration settleTime,
        @DefaultValue("600000ms") Duration lockTimeout,
        @DefaultValue("") String exclude,
        @DefaultValue("50") int shareFiles,
        @DefaultValue("16MB") DataSize shareBytes,
        @DefaultValue("32MB") DataSize readBytes) {
}
