package dev.perimeter.io;

/** Capture file formats: classic libpcap (microsecond or nanosecond timestamps) and pcapng. */
public enum CaptureFormat {
    PCAP, PCAP_NANO, PCAPNG
}
