package dev.perimeter.acl;

/** Dotted-quad IPv4 addresses as ints (network order: the first octet in the high byte). */
public final class Ipv4 {
    private Ipv4() {
    }

    public static String format(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
    }

    /** Parses {@code a.b.c.d}; throws {@link IllegalArgumentException} on anything else. */
    public static int parse(String text) {
        int value = 0;
        int octets = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int start = i;
            int octet = 0;
            while (i < n && Character.isDigit(text.charAt(i)) && i - start < 3) {
                octet = octet * 10 + (text.charAt(i) - '0');
                i++;
            }
            if (i == start || octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            value = (value << 8) | octet;
            octets++;
            if (i < n) {
                if (text.charAt(i) != '.' || octets == 4) {
                    throw new IllegalArgumentException("not an IPv4 address: " + text);
                }
                i++;
                if (i == n) {
                    throw new IllegalArgumentException("not an IPv4 address: " + text);
                }
            }
        }
        if (octets != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        return value;
    }

    public static boolean isAddress(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
