package dev.perimeter.acl;

/**
 * The IOS IGMP message names, mapped to the type byte of the IGMP header. IOS also takes a number 0-15, the low
 * four bits of a version-1 style type (0x10-0x1f), so {@code 1} is the same as {@code host-query} (0x11).
 */
public final class IgmpNames {
    private IgmpNames() {
    }

    public static final NameTable TABLE = NameTable.of(
            "dvmrp", 0x13, "host-query", 0x11, "host-report", 0x12, "mtrace-resp", 0x1e, "mtrace-route", 0x1f,
            "pim", 0x14, "trace", 0x15, "v2-leave", 0x17, "v2-report", 0x16, "v3-report", 0x22);

    /** The type byte for the IOS number 0-15. */
    public static int typeOfNumber(int number) {
        if (number < 0 || number > 15) {
            throw new IllegalArgumentException("IGMP message number out of range 0-15: " + number);
        }
        return 0x10 | number;
    }

    /** IOS text for a type byte: its name, else the number 0-15, else the byte itself. */
    public static String text(int type) {
        String name = TABLE.name(type);
        if (name != null) {
            return name;
        }
        return Integer.toString(type >= 0x10 && type <= 0x1f ? type - 0x10 : type);
    }
}
