package org.rectificationhub.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux says about a process: resident memory now and at its peak, CPU seconds used so far. */
final class Proc {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private Proc() {
    }

    static long rssMb(long pid) {
        return statusKb(pid, "VmRSS:") / 1024;
    }

    static long peakRssMb(long pid) {
        return statusKb(pid, "VmHWM:") / 1024;
    }

    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND; // utime, stime
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** The machine's load averages over 1, 5 and 15 minutes, as uptime prints them: the bench shares the machine. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** This JVM's CPU seconds (the baselines run in it). */
    static double ownCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
