package dev.perimeter.acl;

/**
 * The TCP flag conditions of an entry. Three IOS forms:
 * <ul>
 *   <li>{@code established}: ACK or RST set;</li>
 *   <li>legacy keywords {@code ack fin psh rst syn urg}: the entry matches when any of the named flags is set;</li>
 *   <li>{@code match-all +F -G ...}: every {@code +} flag set and every {@code -} flag clear;
 *       {@code match-any +F -G ...}: at least one of those holds.</li>
 * </ul>
 */
public record TcpFlagsMatch(boolean established, int anyOf, boolean matchAll, int set, int clear) {

    public static final TcpFlagsMatch NONE = new TcpFlagsMatch(false, 0, false, 0, 0);
    public static final TcpFlagsMatch ESTABLISHED = new TcpFlagsMatch(true, 0, false, 0, 0);

    public static TcpFlagsMatch legacy(int anyOf) {
        return new TcpFlagsMatch(false, anyOf, false, 0, 0);
    }

    public static TcpFlagsMatch matchAll(int set, int clear) {
        return new TcpFlagsMatch(false, 0, true, set, clear);
    }

    public static TcpFlagsMatch matchAny(int set, int clear) {
        return new TcpFlagsMatch(false, 0, false, set, clear);
    }

    // equals and hashCode written out: the generated ones link through invokedynamic on first use, which costs
    // milliseconds at every start-up, where entries are compared while a configuration is read
    @Override
    public boolean equals(Object o) {
        return o instanceof TcpFlagsMatch m && m.established == established && m.anyOf == anyOf
                && m.matchAll == matchAll && m.set == set && m.clear == clear;
    }

    @Override
    public int hashCode() {
        return (((Boolean.hashCode(established) * 31 + anyOf) * 31 + Boolean.hashCode(matchAll)) * 31 + set) * 31
                + clear;
    }

    public boolean isNone() {
        return !established && anyOf == 0 && set == 0 && clear == 0;
    }

    public boolean matches(int flags) {
        if (established && (flags & (TcpFlags.ACK | TcpFlags.RST)) == 0) {
            return false;
        }
        if (anyOf != 0 && (flags & anyOf) == 0) {
            return false;
        }
        if (set != 0 || clear != 0) {
            if (matchAll) {
                return (flags & set) == set && (flags & clear) == 0;
            }
            return (flags & set) != 0 || (~flags & clear) != 0;
        }
        return true;
    }

    /** IOS text: {@code established}, {@code syn ack}, {@code match-all +syn -ack}; empty for none. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (established) {
            sb.append("established");
        }
        for (int i = 0; i < TcpFlags.NAMES.length; i++) {
            if ((anyOf & TcpFlags.BITS[i]) != 0) {
                sb.append(sb.length() > 0 ? " " : "").append(TcpFlags.NAMES[i]);
            }
        }
        if (set != 0 || clear != 0) {
            sb.append(sb.length() > 0 ? " " : "").append(matchAll ? "match-all" : "match-any");
            for (int i = 0; i < TcpFlags.NAMES.length; i++) {
                if ((set & TcpFlags.BITS[i]) != 0) {
                    sb.append(" +").append(TcpFlags.NAMES[i]);
                }
                if ((clear & TcpFlags.BITS[i]) != 0) {
                    sb.append(" -").append(TcpFlags.NAMES[i]);
                }
            }
        }
        return sb.toString();
    }
}
