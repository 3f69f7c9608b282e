package dev.perimeter.io.live;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import dev.perimeter.packet.Offload;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One bridged interface through an AF_PACKET socket, the way Open vSwitch's userspace datapath and QEMU carry
 * offloads through userspace: {@code PACKET_VNET_HDR} puts a virtio-net header before every frame, received and
 * sent, and frames arrive in a memory-mapped {@code TPACKET_V3} ring read a block at a time (a {@code poll} only
 * when the ring is empty, no call per frame).
 *
 * <p>What that buys: a frame from a local stack (veth, tap, containers) with its TCP/UDP checksum still to be
 * completed (CHECKSUM_PARTIAL), or a coalesced frame of up to 64 KB (TSO/GSO from a local sender, GRO/LRO on a
 * NIC) arrives with its header saying so, and leaves the egress socket with the same header: the kernel or the
 * NIC finishes the checksum and cuts the segments, as the kernel bridge would. libpcap hides the header, and such
 * frames then reach the receiver broken or are too long for the snap length.
 *
 * <p>Nothing on the interface is changed: promiscuous reception is a membership of this socket
 * ({@code PACKET_ADD_MEMBERSHIP}) that the kernel drops when the socket closes, and {@code PACKET_IGNORE_OUTGOING}
 * keeps frames sent out of the interface (by this bridge or the host) out of the ring. A VLAN tag the kernel
 * lifted into the frame's metadata is put back in place. {@link #open} fails with a reason when any of it is
 * refused (another OS, an old kernel): the bridge then runs on {@link PcapPort}.
 */
public final class PacketRingPort implements LivePort {
    /** A block holds at least one 64 KB coalesced frame with its headers; blocks are handed over whole. */
    static final int BLOCK_SIZE = 1 << 18;
    static final int BLOCK_COUNT = 128;
    /** How long the kernel lets a block that is not full wait before handing it over, in milliseconds. */
    static final int BLOCK_TIMEOUT_MS = 1;
    private static final int FRAME_SIZE = 2048;
    /** The largest frame handed over: a 64 KB coalesced frame, its link header and a VLAN tag put back. */
    static final int MAX_FRAME = 65536 + 14 + 8;

    // struct tpacket_block_desc (hdr.bh1) and struct tpacket3_hdr, <linux/if_packet.h>
    private static final int BLOCK_STATUS = 8;
    private static final int BLOCK_PACKETS = 12;
    private static final int BLOCK_FIRST = 16;
    private static final int TP_NEXT = 0;
    private static final int TP_SNAPLEN = 12;
    private static final int TP_LEN = 16;
    private static final int TP_STATUS = 20;
    private static final int TP_MAC = 24;
    private static final int TP_VLAN_TCI = 32;
    private static final int TP_VLAN_TPID = 36;
    private static final int TP_STATUS_KERNEL = 0;
    private static final int TP_STATUS_USER = 1;
    private static final int TP_STATUS_VLAN_VALID = 0x10;
    private static final int TP_STATUS_VLAN_TPID_VALID = 0x40;
    private static final int ETH_P_8021Q = 0x8100;
    /** How long an idle port waits for frames before looking whether it should stop. */
    private static final int WAIT_MILLIS = 100;
    /** How long the reader naps while blocks are held for frames the filter thread has not sent yet. */
    private static final long HELD_NAP_NANOS = 20_000;

    private final String interfaceName;
    private final int[] pollFd = new int[2];
    /** Held to use {@link #fd} for sending, taken exclusively to close it: a batch never goes to a reused number. */
    private final ReentrantReadWriteLock socketLock = new ReentrantReadWriteLock();
    private volatile int fd = -1;
    private int ifindex;
    private long ringAddress;
    private long ringLength;
    private ByteBuffer ring;
    /** The block being read, the next frame's position in the ring and how many frames are left in the block. */
    private int block;
    private int frame;
    private int framesLeft;
    /**
     * Blocks holding frames lent in place, in ring order, each with the last ring sequence lent from it: given back
     * to the kernel once the filter thread has passed that sequence. {@link #lentInBlock} is the same for the block
     * being read (-1: nothing lent from it).
     */
    private final int[] heldBlocks = new int[BLOCK_COUNT];
    private final long[] heldUntil = new long[BLOCK_COUNT];
    private int heldHead;
    private int heldCount;
    private long lentInBlock = -1;
    private long droppedBefore;
    private long droppedNow;

    public PacketRingPort(String interfaceName) {
        this.interfaceName = interfaceName;
    }

    /** Why the AF_PACKET path cannot be used on this machine at all, or null when it may be tried. */
    public static String unavailableReason() {
        if (Boolean.getBoolean("perimeter.pcap4jOnly")) {
            return "-Dperimeter.pcap4jOnly is set";
        }
        return PacketSocketCalls.AVAILABLE ? null : "AF_PACKET sockets cannot be bound here (not 64-bit Linux)";
    }

    @Override
    public String interfaceName() {
        return interfaceName;
    }

    @Override
    public int maxFrameLength() {
        return MAX_FRAME;
    }

    @Override
    public boolean carriesOffloads() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return fd >= 0 && LinuxInterfaces.isUp(interfaceName);
    }

    @Override
    public synchronized void open() throws LivePortException {
        close();
        String why = unavailableReason();
        if (why != null) {
            throw new LivePortException(interfaceName + ": " + why);
        }
        int index = PacketSocketCalls.if_nametoindex(interfaceName);
        if (index <= 0) {
            throw new LivePortException("no such network interface: " + interfaceName);
        }
        int s;
        try {
            s = PacketSocketCalls.socket(PacketSocketCalls.AF_PACKET, PacketSocketCalls.SOCK_RAW, 0);
        } catch (LastErrorException e) {
            throw new LivePortException(interfaceName + ": cannot open an AF_PACKET socket: " + e.getMessage()
                    + (e.getErrorCode() == 1 ? "; " + LivePrerequisites.privilegeMessage() : ""), e);
        }
        String step = "PACKET_VNET_HDR";
        long address = 0;
        long length = (long) BLOCK_SIZE * BLOCK_COUNT;
        try {
            PacketSocketCalls.setInt(s, PacketSocketCalls.SOL_PACKET, PacketSocketCalls.PACKET_VNET_HDR, 1);
            step = "PACKET_VERSION TPACKET_V3";
            PacketSocketCalls.setInt(s, PacketSocketCalls.SOL_PACKET, PacketSocketCalls.PACKET_VERSION,
                    PacketSocketCalls.TPACKET_V3);
            step = "PACKET_IGNORE_OUTGOING";
            PacketSocketCalls.setInt(s, PacketSocketCalls.SOL_PACKET, PacketSocketCalls.PACKET_IGNORE_OUTGOING, 1);
            step = "PACKET_RX_RING";
            PacketSocketCalls.setsockopt(s, PacketSocketCalls.SOL_PACKET, PacketSocketCalls.PACKET_RX_RING,
                    ringRequest(), 28);
            step = "mmap of the ring";
            address = PacketSocketCalls.mmap(0, length, PacketSocketCalls.PROT_READ_WRITE,
                    PacketSocketCalls.MAP_SHARED, s, 0);
            step = "bind";
            PacketSocketCalls.bind(s, linkAddress(index), 20);
            step = "PACKET_ADD_MEMBERSHIP promiscuous";
            PacketSocketCalls.setsockopt(s, PacketSocketCalls.SOL_PACKET, PacketSocketCalls.PACKET_ADD_MEMBERSHIP,
                    promiscuousMembership(index), 16);
        } catch (LastErrorException e) {
            if (address != 0 && address != -1) {
                PacketSocketCalls.munmap(address, length);
            }
            PacketSocketCalls.close(s);
            throw new LivePortException(interfaceName + ": " + step + " refused: " + e.getMessage(), e);
        }
        ring = new Pointer(address).getByteBuffer(0, length).order(ByteOrder.nativeOrder());
        ringAddress = address;
        ringLength = length;
        ifindex = index;
        block = 0;
        framesLeft = 0;
        heldCount = 0;
        heldHead = 0;
        lentInBlock = -1;
        socketLock.writeLock().lock();
        try {
            fd = s;
        } finally {
            socketLock.writeLock().unlock();
        }
    }

    /** {@code struct tpacket_req3}. */
    private static byte[] ringRequest() {
        ByteBuffer b = ByteBuffer.allocate(28).order(ByteOrder.nativeOrder());
        b.putInt(BLOCK_SIZE).putInt(BLOCK_COUNT).putInt(FRAME_SIZE).putInt(BLOCK_SIZE / FRAME_SIZE * BLOCK_COUNT)
                .putInt(BLOCK_TIMEOUT_MS).putInt(0).putInt(0);
        return b.array();
    }

    /** {@code struct sockaddr_ll} binding every protocol on the interface. */
    private static byte[] linkAddress(int index) {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        b.putShort((short) PacketSocketCalls.AF_PACKET).putShort((short) PacketSocketCalls.ETH_P_ALL_NETWORK_ORDER)
                .putInt(index);
        return b.array();
    }

    /** {@code struct packet_mreq} for promiscuous reception. */
    private static byte[] promiscuousMembership(int index) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        b.putInt(index).putShort((short) PacketSocketCalls.PACKET_MR_PROMISC);
        return b.array();
    }

    @Override
    public int pending(int max) throws LivePortException {
        if (framesLeft == 0 && !nextBlock()) {
            if (heldCount > 0) {
                // poll reports a TPACKET_V3 ring readable while the block before the kernel's is not its own, so
                // with a block held for lent frames it would return at once: nap instead until they are released
                LockSupport.parkNanos(HELD_NAP_NANOS);
                return 0;
            }
            await();
            if (!nextBlock()) {
                return 0;
            }
        }
        return Math.min(max, framesLeft);
    }

    /** Moves to the next block when the kernel has handed it over; false when it has not yet. */
    private boolean nextBlock() {
        ByteBuffer r = ring;
        if (r == null) {
            return false;
        }
        int base = block * BLOCK_SIZE;
        int status = r.getInt(base + BLOCK_STATUS);
        VarHandle.acquireFence(); // the block's frames are read only after its status says they are ours
        if ((status & TP_STATUS_USER) == 0) {
            return false;
        }
        int packets = r.getInt(base + BLOCK_PACKETS);
        if (packets == 0) {
            releaseBlock(block);
            block = (block + 1) % BLOCK_COUNT;
            return false;
        }
        framesLeft = packets;
        frame = base + r.getInt(base + BLOCK_FIRST);
        return true;
    }

    /** Gives a block back to the kernel. */
    private void releaseBlock(int b) {
        VarHandle.releaseFence(); // every read of the block happens before the kernel may write it again
        ring.putInt(b * BLOCK_SIZE + BLOCK_STATUS, TP_STATUS_KERNEL);
    }

    /** Done with the block being read: given back now, or held while frames lent from it may still be read. */
    private void finishBlock() {
        if (lentInBlock < 0) {
            releaseBlock(block);
        } else {
            int tail = (heldHead + heldCount) % BLOCK_COUNT;
            heldBlocks[tail] = block;
            heldUntil[tail] = lentInBlock;
            heldCount++;
            lentInBlock = -1;
        }
        block = (block + 1) % BLOCK_COUNT;
    }

    @Override
    public boolean lendsFrames() {
        return true;
    }

    @Override
    public long lendNext(byte[] destination, Offload offload, long sequence) {
        ByteBuffer r = ring;
        int snap = r.getInt(frame + TP_SNAPLEN);
        if (hasLiftedTag() || snap > MAX_FRAME - 4 || snap < r.getInt(frame + TP_LEN)) {
            return 0;
        }
        int mac = frame + (r.getShort(frame + TP_MAC) & 0xffff);
        offload.read(r, mac - Offload.HEADER_LENGTH);
        r.get(mac, destination, 0, Math.min(snap, destination.length));
        lentInBlock = sequence;
        advance();
        return ringAddress + mac;
    }

    @Override
    public void releaseConsumed(long consumedSequence) {
        while (heldCount > 0 && heldUntil[heldHead] <= consumedSequence) {
            releaseBlock(heldBlocks[heldHead]);
            heldHead = (heldHead + 1) % BLOCK_COUNT;
            heldCount--;
        }
    }

    /** Waits for a block; an error on the socket is read: the interface went down (wait) or away (reopen). */
    private void await() throws LivePortException {
        int s = fd;
        if (s < 0) {
            throw new LivePortException(interfaceName + ": not open");
        }
        pollFd[0] = s;
        pollFd[1] = PacketSocketCalls.POLLIN;
        int n = PacketSocketCalls.poll(pollFd, 1, WAIT_MILLIS);
        int revents = pollFd[1] >>> 16;
        if (n > 0 && (revents & (PacketSocketCalls.POLLERR | PacketSocketCalls.POLLHUP | PacketSocketCalls.POLLNVAL))
                != 0) {
            int error = PacketSocketCalls.pendingError(s);
            if ((revents & PacketSocketCalls.POLLNVAL) != 0 || PacketSocketCalls.if_nametoindex(interfaceName)
                    != ifindex) {
                throw new LivePortException(interfaceName + ": the interface went away (errno " + error + ")");
            }
            if (!LinuxInterfaces.isUp(interfaceName)) {
                sleepQuietly(WAIT_MILLIS); // down: the socket works again once it is up
            }
        } else if (n == 0 && PacketSocketCalls.if_nametoindex(interfaceName) != ifindex) {
            throw new LivePortException(interfaceName + ": the interface went away");
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int nextLength() {
        int snap = ring.getInt(frame + TP_SNAPLEN);
        int len = Math.min(snap, MAX_FRAME - 4);
        return hasLiftedTag() && len >= 12 ? len + 4 : len;
    }

    private boolean hasLiftedTag() {
        return (ring.getInt(frame + TP_STATUS) & TP_STATUS_VLAN_VALID) != 0;
    }

    @Override
    public int takeNext(byte[] destination, Offload offload) {
        ByteBuffer r = ring;
        int snap = Math.min(r.getInt(frame + TP_SNAPLEN), MAX_FRAME - 4);
        int wire = r.getInt(frame + TP_LEN);
        int mac = frame + (r.getShort(frame + TP_MAC) & 0xffff);
        offload.read(r, mac - Offload.HEADER_LENGTH);
        if (hasLiftedTag() && snap >= 12) {
            int status = r.getInt(frame + TP_STATUS);
            int tpid = (status & TP_STATUS_VLAN_TPID_VALID) != 0 ? r.getShort(frame + TP_VLAN_TPID) & 0xffff
                    : ETH_P_8021Q;
            int tci = r.getInt(frame + TP_VLAN_TCI) & 0xffff;
            r.get(mac, destination, 0, 12);
            destination[12] = (byte) (tpid >>> 8);
            destination[13] = (byte) tpid;
            destination[14] = (byte) (tci >>> 8);
            destination[15] = (byte) tci;
            r.get(mac + 12, destination, 16, snap - 12);
            offload.shiftNetworkHeader(4);
            wire += 4;
        } else {
            r.get(mac, destination, 0, snap);
        }
        advance();
        return wire;
    }

    @Override
    public void skipNext() {
        advance();
    }

    private void advance() {
        framesLeft--;
        if (framesLeft == 0) {
            finishBlock();
        } else {
            frame += ring.getInt(frame + TP_NEXT);
        }
    }

    @Override
    public void wakeUp() {
        // the poll wakes by itself within its interval
    }

    @Override
    public boolean transmit(byte[] frame, int offset, int length, Offload offload) {
        return false; // every frame goes out through sendBatch
    }

    @Override
    public boolean sendsBatches() {
        return true;
    }

    @Override
    public int sendBatch(BatchSender sender) {
        socketLock.readLock().lock();
        try {
            int s = fd;
            return s < 0 ? sender.discard() : sender.flush(s);
        } finally {
            socketLock.readLock().unlock();
        }
    }

    @Override
    public synchronized long droppedByKernel() {
        int s = fd;
        if (s >= 0) {
            byte[] stats = new byte[12]; // struct tpacket_stats_v3; reading it resets the kernel's counts
            try {
                PacketSocketCalls.getsockopt(s, PacketSocketCalls.SOL_PACKET, PacketSocketCalls.PACKET_STATISTICS,
                        stats, new int[] {12});
                droppedNow += ByteBuffer.wrap(stats).order(ByteOrder.nativeOrder()).getInt(4) & 0xffffffffL;
            } catch (LastErrorException e) {
                // no figure this time
            }
        }
        return droppedBefore + droppedNow;
    }

    @Override
    public long droppedByInterface() {
        return 0;
    }

    @Override
    public synchronized void close() {
        close(true);
    }

    @Override
    public synchronized void abandon() {
        close(false);
    }

    /** Closes the socket; unmaps the ring too unless frames lent from it may still be read. */
    private void close(boolean unmap) {
        int s = fd;
        if (s < 0) {
            return;
        }
        droppedByKernel();
        socketLock.writeLock().lock();
        try {
            fd = -1;
            ring = null;
            if (unmap) {
                PacketSocketCalls.munmap(ringAddress, ringLength);
            }
            PacketSocketCalls.close(s);
        } finally {
            socketLock.writeLock().unlock();
        }
        droppedBefore += droppedNow;
        droppedNow = 0;
        framesLeft = 0;
        heldCount = 0;
    }
}
