package org.rectificationhub.ingest.file;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The file channel's settings (prefix {@code hub.file}) that its Java needs; the route reads the same keys.
 *
 * @param settleTime  a file is taken once it has not changed for this long
 * @param lockTimeout a file still changing, or unreadable, for this long is quarantined instead of waited for
 * @param exclude     names the channel never takes (temporary names, reason files): left alone, never moved aside;
 *                    names starting with a dot always are
 */
@ConfigurationProperties("hub.file")
record FileSettings(
        @DefaultValue("1000ms") Duration settleTime,
        @DefaultValue("600000ms") Duration lockTimeout,
        @DefaultValue("") String exclude) {
}
