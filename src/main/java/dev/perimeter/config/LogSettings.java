package dev.perimeter.config;

import java.util.List;

/**
 * The logging part of a configuration.
 *
 * @param timestamps          {@code service timestamps log ...}
 * @param loggingIntervalMs   {@code ip access-list logging interval MS}: at most one log message per this many
 *                            milliseconds (0 = not configured)
 * @param logUpdateThreshold  {@code ip access-list log-update threshold N}: a flow's pending count is printed as
 *                            soon as it reaches N (0 = not configured, only the 5-minute updates)
 * @param loggingHosts        {@code logging host A}: syslog receivers, dotted quads
 */
public record LogSettings(Timestamps timestamps, int loggingIntervalMs, int logUpdateThreshold,
                          List<String> loggingHosts) {

    public static final LogSettings DEFAULT = new LogSettings(Timestamps.UPTIME, 0, 0, List.of());

    public LogSettings {
        loggingHosts = List.copyOf(loggingHosts);
    }

    /** {@code service timestamps log uptime} or {@code datetime [msec] [localtime]}. */
    public record Timestamps(boolean datetime, boolean msec, boolean localtime) {
        public static final Timestamps UPTIME = new Timestamps(false, false, false);
    }

    public LogSettings withTimestamps(Timestamps t) {
        return new LogSettings(t, loggingIntervalMs, logUpdateThreshold, loggingHosts);
    }

    public LogSettings withLoggingInterval(int ms) {
        return new LogSettings(timestamps, ms, logUpdateThreshold, loggingHosts);
    }

    public LogSettings withLogUpdateThreshold(int n) {
        return new LogSettings(timestamps, loggingIntervalMs, n, loggingHosts);
    }

    public LogSettings withLoggingHost(String host) {
        List<String> hosts = new java.util.ArrayList<>(loggingHosts);
        if (!hosts.contains(host)) {
            hosts.add(host);
        }
        return new LogSettings(timestamps, loggingIntervalMs, logUpdateThreshold, hosts);
    }
}
