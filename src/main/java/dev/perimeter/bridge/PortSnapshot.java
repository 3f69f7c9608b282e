package dev.perimeter.bridge;

/**
 * One bridged port's counters at one moment.
 *
 * @param received       frames captured on the port
 * @param forwarded      frames received here and transmitted on the other port
 * @param dropped        frames received here that an access list denied
 * @param errors         frames received here that could not be handled (transmit failure, truncated capture)
 * @param ringOverflows  frames received here and lost because the ring was full
 * @param pcapDrops      frames the kernel dropped before capture (capture buffer full)
 * @param interfaceDrops frames the interface dropped (pcap's ps_ifdrop)
 * @param up             whether the capture handle is open right now
 */
public record PortSnapshot(String linuxName, String iosName, long received, long forwarded, long dropped,
                           long errors, long ringOverflows, long pcapDrops, long interfaceDrops, boolean up) {
}
