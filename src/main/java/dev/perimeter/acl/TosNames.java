package dev.perimeter.acl;

/** IOS names for the values of {@code dscp}, {@code precedence} and {@code tos}. */
public final class TosNames {
    private TosNames() {
    }

    public static final NameTable DSCP = NameTable.of(
            "af11", 10, "af12", 12, "af13", 14, "af21", 18, "af22", 20, "af23", 22, "af31", 26, "af32", 28,
            "af33", 30, "af41", 34, "af42", 36, "af43", 38, "cs1", 8, "cs2", 16, "cs3", 24, "cs4", 32, "cs5", 40,
            "cs6", 48, "cs7", 56, "default", 0, "ef", 46);

    public static final NameTable PRECEDENCE = NameTable.of(
            "critical", 5, "flash", 3, "flash-override", 4, "immediate", 2, "internet", 6, "network", 7,
            "priority", 1, "routine", 0);

    /** The four ToS bits (RFC 1349) as IOS names them. */
    public static final NameTable TOS = NameTable.of(
            "max-reliability", 2, "max-throughput", 4, "min-delay", 8, "min-monetary-cost", 1, "normal", 0);

    public static final int MAX_DSCP = 63;
    public static final int MAX_PRECEDENCE = 7;
    public static final int MAX_TOS = 15;
}
