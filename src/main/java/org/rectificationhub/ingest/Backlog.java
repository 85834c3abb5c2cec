package org.rectificationhub.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What waits to be taken on one channel, as its {@link ChannelWatch} saw it.
 *
 * @param state        running, disabled (switched off by configuration: nothing is counted, nothing waits) or
 *                     unavailable (its server could not be asked; {@code note} says why)
 * @param unit         what is counted: records, mails, files
 * @param departments  per configured department
 * @param unattributed what waits from no configured department (mail from a stranger), or null
 * @param lookedAt     when the channel was asked
 */
public record Backlog(String channel, String state, String unit, String note, Map<String, Waiting> departments,
                      Waiting unattributed, Instant lookedAt) {

    public static final String RUNNING = "running";
    public static final String DISABLED = "disabled";
    public static final String UNAVAILABLE = "unavailable";

    public Backlog {
        departments = departments == null ? Map.of() : Map.copyOf(departments);
    }

    public static Backlog disabled(String channel, String unit, String why, Instant now) {
        return new Backlog(channel, DISABLED, unit, why, Map.of(), null, now);
    }

    public static Backlog unavailable(String channel, String unit, String why, Instant now) {
        return new Backlog(channel, UNAVAILABLE, unit, why, Map.of(), null, now);
    }

    /**
     * @param count      how many wait (records behind the hub's committed offsets, unseen mails, files)
     * @param oldest     when the oldest of them arrived, where the channel can tell
     * @param partitions Kafka: the lag per partition of the department's topic; empty elsewhere
     * @param note       why a count is missing or partial (no topic, only the first mails looked at)
     */
    public record Waiting(long count, Instant oldest, List<PartitionLag> partitions, String note) {

        public Waiting {
            partitions = partitions == null ? List.of() : List.copyOf(partitions);
        }

        public static Waiting of(long count, Instant oldest) {
            return new Waiting(count, oldest, List.of(), null);
        }
    }

    /**
     * @param committed the hub's committed offset, or null before its first commit (it then reads from the start)
     * @param start     the partition's first offset still kept
     * @param end       the offset the next record will get
     * @param lag       records not yet taken: end minus committed (or minus start)
     */
    public record PartitionLag(String topic, int partition, Long committed, long start, long end, long lag) {
    }
}
