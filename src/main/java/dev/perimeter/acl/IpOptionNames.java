package dev.perimeter.acl;

/**
 * The IOS names for {@code option} in an extended entry: each stands for the whole option-type octet of
 * RFC 791 (copied flag, class and number, as IANA lists them), and {@code any-options} for any header that
 * carries options at all.
 */
public final class IpOptionNames {
    private IpOptionNames() {
    }

    /** The value of {@code any-options}: above every option-type octet. */
    public static final int ANY_OPTIONS = 256;

    public static final NameTable TABLE = NameTable.of(
            "add-ext", 147, "any-options", ANY_OPTIONS, "com-security", 134, "dps", 151, "encode", 15, "eool", 0,
            "ext-ip", 145, "ext-security", 133, "finn", 205, "imitd", 144, "lsr", 131, "mtup", 11, "mtur", 12,
            "no-op", 1, "nsapa", 150, "record-route", 7, "router-alert", 148, "sdb", 149, "security", 130,
            "ssr", 137, "stream-id", 136, "timestamp", 68, "traceroute", 82, "ump", 152, "visa", 142, "zsu", 10);
}
