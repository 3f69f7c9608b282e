package dev.perimeter.io.live;

import java.util.Arrays;
import java.util.Locale;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.RawPacketListener;

/**
 * One bridged interface through pcap4j: promiscuous, immediate mode, inbound direction only (so that what this
 * program transmits is not captured again), a snap length that holds the interface's MTU and a generous kernel
 * buffer. Receiving runs on one thread; {@link #transmit} may be called from another (pcap4j guards the native
 * handle so a send racing a reopen fails cleanly instead of touching a closed handle).
 */
public final class PcapPort implements AutoCloseable {
    private final String interfaceName;
    private final PcapPortSettings settings;
    private volatile PcapHandle handle;
    /** The receive path around pcap4j's dispatch, or null to use dispatch (see {@link DirectPcapReader}). */
    private DirectPcapReader direct;
    /** The packet socket for batched sends, -1 when there is none; guarded by {@link #socketLock}. */
    private int sendFd = -1;
    /** Held to send on {@link #sendFd}, taken exclusively to close it: a batch never goes to a reused number. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock socketLock =
            new java.util.concurrent.locks.ReentrantReadWriteLock();
    private int snapLength;
    /** pcap's counters of handles already closed, so that a reopen does not make the totals go backwards. */
    private long droppedBefore;
    private long droppedByInterfaceBefore;

    public PcapPort(String interfaceName, PcapPortSettings settings) {
        this.interfaceName = interfaceName;
        this.settings = settings;
    }

    public String interfaceName() {
        return interfaceName;
    }

    public int snapLength() {
        return snapLength;
    }

    public boolean isOpen() {
        PcapHandle h = handle;
        return h != null && h.isOpen();
    }

    /** Opens (or reopens) the capture handle. */
    public synchronized void open() throws LivePortException {
        closeHandle();
        if (!LinuxInterfaces.exists(interfaceName)) {
            throw new LivePortException("no such network interface: " + interfaceName);
        }
        snapLength = settings.snapLength(LinuxInterfaces.mtu(interfaceName));
        try {
            PcapHandle h = new PcapHandle.Builder(interfaceName)
                    .snaplen(snapLength)
                    .promiscuousMode(PromiscuousMode.PROMISCUOUS)
                    .immediateMode(true)
                    .bufferSize(settings.bufferBytes())
                    .timeoutMillis(settings.timeoutMillis())
                    .build();
            if (h.getDlt().value() != org.pcap4j.packet.namednumber.DataLinkType.EN10MB.value()) {
                String dlt = h.getDlt().name();
                h.close();
                throw new LivePortException(interfaceName + " is not an Ethernet interface (link type " + dlt
                        + "); only Ethernet ports can be bridged");
            }
            try {
                h.setDirection(PcapHandle.PcapDirection.IN);
            } catch (PcapNativeException | NotOpenException e) {
                h.close();
                throw new LivePortException(interfaceName + ": cannot capture inbound frames only: " + e.getMessage(),
                        e);
            }
            DirectPcapReader reader = DirectPcapReader.open(h);
            socketLock.writeLock().lock();
            try {
                direct = reader;
                sendFd = reader == null ? -1 : reader.fd();
                handle = h;
            } finally {
                socketLock.writeLock().unlock();
            }
        } catch (PcapNativeException e) {
            throw new LivePortException(describeOpenFailure(e.getMessage()), e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new LivePortException("libpcap is not installed or cannot be loaded; install it, e.g."
                    + " `apt-get install libpcap0.8`", e);
        }
    }

    private String describeOpenFailure(String pcapMessage) {
        String m = pcapMessage == null ? "" : pcapMessage;
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("permission") || lower.contains("not permitted")) {
            return interfaceName + ": " + m + "; " + LivePrerequisites.privilegeMessage();
        }
        if (lower.contains("no such device") || lower.contains("doesn't exist")) {
            return "no such network interface: " + interfaceName + " (" + m + ")";
        }
        return interfaceName + ": cannot open for capture: " + m;
    }

    /**
     * Hands the frames waiting in the capture buffer (at most {@code max}) to {@code listener}; returns how many,
     * 0 when the read timeout passed without traffic. Throws when the handle failed (interface down or gone):
     * the caller reopens.
     */
    public int dispatch(int max, RawPacketListener listener) throws LivePortException, InterruptedException {
        PcapHandle h = handle;
        if (h == null) {
            throw new LivePortException(interfaceName + ": not open");
        }
        try {
            return h.dispatch(max, listener);
        } catch (PcapNativeException | NotOpenException e) {
            throw new LivePortException(interfaceName + ": capture failed: " + e.getMessage(), e);
        }
    }

    /**
     * The on-the-wire length of the frame being handed to a dispatch listener right now (pcap4j keeps it per
     * thread), or {@code captured} when unknown.
     */
    public int originalLength(int captured) {
        PcapHandle h = handle;
        Integer original = h == null ? null : h.getOriginalLength();
        return original == null ? captured : original;
    }

    /** True when frames are read with {@link #read}, false when with {@link #dispatch}. */
    public boolean readsDirectly() {
        return direct != null;
    }

    /**
     * Reads up to {@code max} waiting frames into the caller's arrays (see {@link DirectPcapReader#read}); only when
     * {@link #readsDirectly()}. Throws when the capture failed: the caller reopens.
     */
    public int read(byte[][] frames, int[] captured, int[] original, int max) throws LivePortException {
        DirectPcapReader d = direct;
        if (d == null || handle == null) {
            throw new LivePortException(interfaceName + ": not open");
        }
        try {
            return d.read(frames, captured, original, max);
        } catch (LivePortException e) {
            throw new LivePortException(interfaceName + ": " + e.getMessage(), e);
        }
    }

    /** Waits up to {@code timeoutMillis} for frames; only when {@link #readsDirectly()}. */
    public void awaitFrames(int timeoutMillis) {
        DirectPcapReader d = direct;
        if (d != null) {
            d.await(timeoutMillis);
        }
    }

    /** Sends one frame; false when it could not be sent (interface down, handle being reopened, frame too big). */
    public boolean transmit(byte[] frame, int offset, int length) {
        PcapHandle h = handle;
        if (h == null) {
            return false;
        }
        try {
            // pcap4j sends from the start of an array: a frame that is a view inside a larger one is copied out
            h.sendPacket(offset == 0 ? frame : Arrays.copyOfRange(frame, offset, offset + length), length);
            return true;
        } catch (PcapNativeException | NotOpenException e) {
            return false;
        }
    }

    /** True when frames can go out in batches on the handle's socket ({@link #sendBatch}). */
    public boolean sendsBatches() {
        return sendFd >= 0;
    }

    /** Sends the frames queued in {@code sender} on this port's socket; returns how many could not be sent. */
    int sendBatch(BatchSender sender) {
        socketLock.readLock().lock();
        try {
            return sendFd < 0 ? sender.discard() : sender.flush(sendFd);
        } finally {
            socketLock.readLock().unlock();
        }
    }

    /** Wakes a blocked {@link #dispatch} so that the receive loop can see a stop. */
    public void wakeUp() {
        PcapHandle h = handle;
        if (h != null) {
            try {
                h.breakLoop();
            } catch (NotOpenException e) {
                // already closed: nothing is blocked on it
            }
        }
    }

    /** Frames the kernel dropped because the capture buffer was full, over every handle this port has had. */
    public synchronized long droppedByKernel() {
        return droppedBefore + current(true);
    }

    /** Frames the interface itself dropped (ps_ifdrop), over every handle this port has had. */
    public synchronized long droppedByInterface() {
        return droppedByInterfaceBefore + current(false);
    }

    private long current(boolean kernel) {
        PcapHandle h = handle;
        if (h == null || !h.isOpen()) {
            return 0;
        }
        try {
            PcapStat s = h.getStats();
            return kernel ? s.getNumPacketsDropped() : s.getNumPacketsDroppedByIf();
        } catch (PcapNativeException | NotOpenException e) {
            return 0;
        }
    }

    private void closeHandle() {
        PcapHandle h = handle;
        if (h != null) {
            droppedBefore += current(true);
            droppedByInterfaceBefore += current(false);
            socketLock.writeLock().lock();
            try {
                handle = null;
                direct = null;
                sendFd = -1;
                h.close();
            } finally {
                socketLock.writeLock().unlock();
            }
        }
    }

    @Override
    public synchronized void close() {
        closeHandle();
    }
}
