package dev.perimeter.log;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.acl.Action;
import dev.perimeter.acl.Ipv4;
import dev.perimeter.acl.LogOption;
import dev.perimeter.config.LogSettings;
import dev.perimeter.match.PacketKey;

import java.time.ZoneOffset;
import java.util.List;

/** Lists, packets and clocks for the logger tests. */
final class LogFixtures {
    static final long SECOND = 1_000_000_000L;
    /** 2026-02-24 03:26:23.123 UTC, a Tuesday. */
    static final long FEB24 = java.time.Instant.parse("2026-02-24T03:26:23.123Z").getEpochSecond() * SECOND
            + 123_000_000L;

    private LogFixtures() {
    }

    static AccessListEntry entry(int seq, Action action, int protocol, LogOption log, String tag) {
        return AccessListEntry.builder(action).sequence(seq).protocol(protocol).log(log, tag).build();
    }

    static AccessList extended(String name, AccessListEntry... entries) {
        return new AccessList(name, AccessList.Kind.EXTENDED, List.of(entries));
    }

    static AccessList standard(String name, AccessListEntry... entries) {
        return new AccessList(name, AccessList.Kind.STANDARD, List.of(entries));
    }

    static PacketKey tcp(String src, int sport, String dst, int dport) {
        return l4(6, src, sport, dst, dport);
    }

    static PacketKey l4(int protocol, String src, int sport, String dst, int dport) {
        PacketKey k = new PacketKey();
        k.protocol = protocol;
        k.source = Ipv4.parse(src);
        k.destination = Ipv4.parse(dst);
        k.sourcePort = sport;
        k.destinationPort = dport;
        return k;
    }

    static PacketKey icmp(String src, String dst, int type, int code) {
        PacketKey k = l4(1, src, 0, dst, 0);
        k.icmpType = type;
        k.icmpCode = code;
        return k;
    }

    static PacketKey ip(int protocol, String src, String dst) {
        return l4(protocol, src, 0, dst, 0);
    }

    static LogSettings settings() {
        return LogSettings.DEFAULT;
    }

    static AccessLogger logger(LogSettings settings, MemorySink sink) {
        return new AccessLogger(settings, sink, AccessLogger.DEFAULT_FLOW_CACHE, ZoneOffset.UTC.getRules());
    }

    /** An Ethernet frame whose source MAC is 00:50:56:a1:b2:c3. */
    static byte[] frame() {
        byte[] f = new byte[64];
        byte[] src = {0x00, 0x50, 0x56, (byte) 0xa1, (byte) 0xb2, (byte) 0xc3};
        System.arraycopy(src, 0, f, 6, 6);
        return f;
    }
}
