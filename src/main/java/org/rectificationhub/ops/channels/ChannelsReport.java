package org.rectificationhub.ops.channels;

import org.rectificationhub.ingest.Backlog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Every channel at a glance, per department: when its last input came, what waits, what became of today's.
 *
 * @param day          today in the operators' zone
 * @param countedSince the counts of {@link Counts} are from here on: the start of the day, or this instance's start
 *                     when it started later (they are hub_ingest_documents_total's own increments, kept in memory)
 * @param instance     the hub instance that counted them; several instances each count their own
 */
public record ChannelsReport(Instant at, LocalDate day, String zone, Instant countedSince, String instance,
                             List<Channel> channels) {

    /**
     * @param state        running, disabled (switched off: no rows, nothing counted) or unavailable (its server
     *                     could not be asked: rows without what waits, {@code note} says why)
     * @param unit         what waits: records, mails, files
     * @param unattributed what waits from no configured department (mail from strangers), or null
     */
    public record Channel(String channel, String state, String unit, String note, List<Row> departments,
                          Backlog.Waiting unattributed) {
    }

    /**
     * @param lastInput the latest input taken from this department on this channel: counted by this instance, or
     *                  recorded or quarantined by any within the last {@value ChannelOverview#HISTORY_DAYS} days
     * @param waiting   what waits to be taken, or null when the channel could not be asked
     */
    public record Row(String department, boolean configured, Instant lastInput, Backlog.Waiting waiting,
                      Counts today) {
    }

    /** Documents today, by outcome: accepted and stale are recorded, duplicates were recorded before. */
    public record Counts(long accepted, long stale, long duplicate, long rejected) {

        static final Counts NONE = new Counts(0, 0, 0, 0);
    }
}
