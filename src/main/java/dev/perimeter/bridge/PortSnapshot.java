package dev.perimeter.bridge;

/**
 * One bridged port's counters at one moment.
 *
 * Counts are of packets on the wire: a coalesced frame (GRO/LRO, TSO/GSO) counts as the segments it stands for.
 *
 * @param received       packets captured on the port
 * @param forwarded      packets received here and transmitted on the other port
 * @param dropped        packets received here that an access list denied
 * @param errors         frames received here that could not be handled (transmit failure, truncated capture)
 * @param ringOverflows  frames received here and lost because the ring was full
 * @param pcapDrops      frames the kernel dropped before capture (capture buffer full)
 * @param interfaceDrops frames the interface dropped (pcap's ps_ifdrop)
 * @param up             whether the capture handle is open right now
 * @param coalesced      frames captured that were coalesced (each stands for several of the packets received)
 * @param io             how the port reads and sends: "af-packet" (offloads carried) or "pcap"
 */
public record PortSnapshot(String linuxName, String iosName, long received, long forwarded, long dropped,
                           long errors, long ringOverflows, long pcapDrops, long interfaceDrops, boolean up,
                           long coalesced, String io) {

    /** A snapshot of a port without coalesced frames, read through libpcap. */
    public PortSnapshot(String linuxName, String iosName, long received, long forwarded, long dropped, long errors,
                        long ringOverflows, long pcapDrops, long interfaceDrops, boolean up) {
        this(linuxName, iosName, received, forwarded, dropped, errors, ringOverflows, pcapDrops, interfaceDrops, up,
                0, "pcap");
    }
}
