package dev.perimeter.log;

import dev.perimeter.config.LogSettings;

/** Sinks as a configuration asks for them. */
public final class LogSinks {
    private LogSinks() {
    }

    /**
     * The local sink (console or file) alone, or together with syslog to every {@code logging host} of the
     * configuration, as IOS sends each message both to its buffer and to its syslog hosts.
     */
    public static LogSink withLoggingHosts(LogSink local, LogSettings settings) {
        if (settings.loggingHosts().isEmpty()) {
            return local;
        }
        return new TeeSink(local, SyslogSink.forHosts(settings.loggingHosts()));
    }
}
