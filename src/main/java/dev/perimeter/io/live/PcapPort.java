package dev.perimeter.io.live;

import dev.perimeter.packet.Offload;
import java.util.Arrays;
import java.util.Locale;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.PcapStat;

/**
 * One bridged interface through pcap4j, the portable path: promiscuous, immediate mode, inbound direction only (so
 * that what this program transmits is not captured again), a snap length that holds the interface's MTU and a
 * generous kernel buffer. Receiving runs on one thread; {@link #transmit} may be called from another (pcap4j
 * guards the native handle so a send racing a reopen fails cleanly instead of touching a closed handle).
 *
 * <p>libpcap hands frames over without the kernel's offload metadata: a frame from a local sender whose checksum
 * is still to be completed is forwarded as it is (the receiver drops it), and a coalesced frame longer than the
 * snap length is dropped as cut short. {@link PacketRingPort} carries both; this port is what runs where that
 * one cannot.
 */
public final class PcapPort implements LivePort {
    /** How long an idle port waits for frames before looking whether it should stop. */
    private static final int WAIT_MILLIS = 100;

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
    /** The frames taken by the last {@link #pending} call, handed over by {@link #takeNext}. */
    private byte[][] staged = new byte[0][];
    private int[] stagedLength = new int[0];
    private int[] stagedOriginal = new int[0];
    private int stagedCount;
    private int stagedNext;

    public PcapPort(String interfaceName, PcapPortSettings settings) {
        this.interfaceName = interfaceName;
        this.settings = settings;
    }

    @Override
    public String interfaceName() {
        return interfaceName;
    }

    public int snapLength() {
        return snapLength;
    }

    @Override
    public int maxFrameLength() {
        return snapLength;
    }

    @Override
    public boolean carriesOffloads() {
        return false;
    }

    @Override
    public boolean isOpen() {
        PcapHandle h = handle;
        return h != null && h.isOpen();
    }

    /** Opens (or reopens) the capture handle. */
    @Override
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

    @Override
    public int pending(int max) throws LivePortException {
        if (staged.length < max || staged[0].length < snapLength) {
            staged = new byte[max][snapLength];
            stagedLength = new int[max];
            stagedOriginal = new int[max];
        }
        stagedCount = 0;
        stagedNext = 0;
        DirectPcapReader d = direct;
        if (d != null) {
            stagedCount = read(d, max);
            if (stagedCount == 0) {
                d.await(WAIT_MILLIS);
                stagedCount = read(d, max);
            }
            return stagedCount;
        }
        PcapHandle h = handle;
        if (h == null) {
            throw new LivePortException(interfaceName + ": not open");
        }
        try {
            h.dispatch(max, this::stage);
        } catch (InterruptedException e) {
            // woken by a stop: keep what was taken
        } catch (PcapNativeException | NotOpenException e) {
            throw new LivePortException(interfaceName + ": capture failed: " + e.getMessage(), e);
        }
        return stagedCount;
    }

    private int read(DirectPcapReader d, int max) throws LivePortException {
        try {
            return d.read(staged, stagedLength, stagedOriginal, max);
        } catch (LivePortException e) {
            throw new LivePortException(interfaceName + ": " + e.getMessage(), e);
        }
    }

    /** The pcap4j dispatch callback (the fallback path): copies the frame into the staging arrays. */
    private void stage(byte[] frame) {
        if (stagedCount < staged.length) {
            int n = Math.min(frame.length, staged[stagedCount].length);
            System.arraycopy(frame, 0, staged[stagedCount], 0, n);
            stagedLength[stagedCount] = n;
            Integer original = handle == null ? null : handle.getOriginalLength();
            stagedOriginal[stagedCount] = original == null ? frame.length : original;
            stagedCount++;
        }
    }

    @Override
    public int nextLength() {
        return stagedLength[stagedNext];
    }

    @Override
    public int takeNext(byte[] destination, Offload offload) {
        int i = stagedNext++;
        System.arraycopy(staged[i], 0, destination, 0, stagedLength[i]);
        offload.clear();
        return stagedOriginal[i];
    }

    @Override
    public void skipNext() {
        stagedNext++;
    }

    /** True when frames are read with the direct {@code pcap_next_ex} binding, false when with pcap4j's dispatch. */
    public boolean readsDirectly() {
        return direct != null;
    }

    @Override
    public boolean transmit(byte[] frame, int offset, int length, Offload offload) {
        return transmit(frame, offset, length);
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

    @Override
    public boolean sendsBatches() {
        return sendFd >= 0;
    }

    @Override
    public int sendBatch(BatchSender sender) {
        socketLock.readLock().lock();
        try {
            return sendFd < 0 ? sender.discard() : sender.flush(sendFd);
        } finally {
            socketLock.readLock().unlock();
        }
    }

    @Override
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

    @Override
    public synchronized long droppedByKernel() {
        return droppedBefore + current(true);
    }

    @Override
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
