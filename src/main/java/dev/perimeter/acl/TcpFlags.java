package dev.perimeter.acl;

/** TCP flag bits as they sit in the 13th byte of the TCP header. */
public final class TcpFlags {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;

    /** IOS keyword order as {@code show access-lists} prints flags. */
    public static final String[] NAMES = {"ack", "fin", "psh", "rst", "syn", "urg"};
    public static final int[] BITS = {ACK, FIN, PSH, RST, SYN, URG};

    private TcpFlags() {
    }

    public static int bit(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return BITS[i];
            }
        }
        throw new IllegalArgumentException("not a TCP flag: " + name);
    }
}
