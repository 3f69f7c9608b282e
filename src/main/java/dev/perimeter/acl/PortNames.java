package dev.perimeter.acl;

/**
 * The IOS port keywords. TCP and UDP have separate tables: 512-514 are exec/login/cmd on tcp and
 * biff/who/syslog on udp, and each protocol knows names the other does not (www only on tcp, snmp only on udp).
 */
public final class PortNames {
    private PortNames() {
    }

    public static final NameTable TCP = NameTable.of(
            "bgp", 179, "chargen", 19, "cmd", 514, "daytime", 13, "discard", 9, "domain", 53, "drip", 3949,
            "echo", 7, "exec", 512, "finger", 79, "ftp", 21, "ftp-data", 20, "gopher", 70, "hostname", 101,
            "ident", 113, "irc", 194, "klogin", 543, "kshell", 544, "login", 513, "lpd", 515, "msrpc", 135,
            "nntp", 119, "onep-plain", 15001, "onep-tls", 15002, "pim-auto-rp", 496, "pop2", 109, "pop3", 110,
            "smtp", 25, "sunrpc", 111, "tacacs", 49, "talk", 517, "telnet", 23, "time", 37, "uucp", 540,
            "whois", 43, "www", 80);

    public static final NameTable UDP = NameTable.of(
            "biff", 512, "bootpc", 68, "bootps", 67, "discard", 9, "dnsix", 195, "domain", 53, "echo", 7,
            "isakmp", 500, "mobile-ip", 434, "nameserver", 42, "netbios-dgm", 138, "netbios-ns", 137,
            "netbios-ss", 139, "non500-isakmp", 4500, "ntp", 123, "pim-auto-rp", 496, "rip", 520, "ripng", 521,
            "snmp", 161, "snmptrap", 162, "sunrpc", 111, "syslog", 514, "tacacs", 49, "talk", 517, "tftp", 69,
            "time", 37, "who", 513, "xdmcp", 177);

    /**
     * The names {@code tcp-udp} members of service object groups take: those tcp and udp both have, for the same
     * port (domain, echo, sunrpc, ...).
     */
    public static final NameTable TCP_UDP = shared(TCP, UDP);

    private static NameTable shared(NameTable a, NameTable b) {
        java.util.List<Object> pairs = new java.util.ArrayList<>();
        a.asMap().forEach((name, port) -> {
            if (b.value(name) == port) {
                pairs.add(name);
                pairs.add(port);
            }
        });
        return NameTable.of(pairs.toArray());
    }

    /** The table of a protocol: tcp or udp, null for any other (ports are compared only after tcp/udp). */
    public static NameTable forProtocol(int protocol) {
        return switch (protocol) {
            case Protocols.TCP -> TCP;
            case Protocols.UDP -> UDP;
            default -> null;
        };
    }
}
