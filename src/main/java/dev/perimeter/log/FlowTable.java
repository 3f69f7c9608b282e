package dev.perimeter.log;

import java.util.Arrays;

/**
 * The logger's bounded flow cache: a fixed number of flows, each a key (list, entry, protocol, addresses, ports
 * or icmp type/code, input interface, source MAC), a pending packet count and the time its next update is due.
 * Flows live in parallel primitive arrays indexed by a flow id; an open-addressing index (linear probing,
 * backward-shift deletion, at most half full) maps keys to ids, and a doubly linked list keeps the flows in order
 * of their due time so that the timer only ever looks at the head. Nothing here allocates after construction.
 */
final class FlowTable {
    static final int NONE = -1;

    private final int capacity;
    private final int mask;
    /** Index slots: flow id + 1, 0 when empty. */
    private final int[] index;

    final int[] list;
    final int[] entry;
    final int[] protocol;
    final int[] source;
    final int[] destination;
    final int[] l4;
    final int[] iface;
    final long[] mac;
    final long[] pending;
    final long[] due;
    private final int[] hash;
    private final int[] prev;
    private final int[] next;

    private final int[] free;
    private int freeCount;
    private int head = NONE;
    private int tail = NONE;
    private int size;

    FlowTable(int capacity) {
        if (capacity < 1 || capacity > (1 << 26)) {
            throw new IllegalArgumentException("flow cache size must be 1.." + (1 << 26) + ": " + capacity);
        }
        this.capacity = capacity;
        int slots = Integer.highestOneBit(capacity * 2 - 1) << 1;
        this.mask = slots - 1;
        this.index = new int[slots];
        list = new int[capacity];
        entry = new int[capacity];
        protocol = new int[capacity];
        source = new int[capacity];
        destination = new int[capacity];
        l4 = new int[capacity];
        iface = new int[capacity];
        mac = new long[capacity];
        pending = new long[capacity];
        due = new long[capacity];
        hash = new int[capacity];
        prev = new int[capacity];
        next = new int[capacity];
        free = new int[capacity];
        clear();
    }

    void clear() {
        Arrays.fill(index, 0);
        for (int i = 0; i < capacity; i++) {
            free[i] = capacity - 1 - i;
        }
        freeCount = capacity;
        head = tail = NONE;
        size = 0;
    }

    int capacity() {
        return capacity;
    }

    int size() {
        return size;
    }

    int head() {
        return head;
    }

    int next(int id) {
        return next[id];
    }

    static int hash(int list, int entry, int protocol, int source, int destination, int l4, int iface, long mac) {
        int h = list * 0x9E3779B1;
        h = (h ^ entry) * 0x85EBCA6B;
        h = (h ^ protocol) * 0xC2B2AE35;
        h = (h ^ source) * 0x9E3779B1;
        h = (h ^ destination) * 0x85EBCA6B;
        h = (h ^ l4) * 0xC2B2AE35;
        h = (h ^ iface) * 0x9E3779B1;
        h = (h ^ (int) mac ^ (int) (mac >>> 32)) * 0x85EBCA6B;
        return h ^ (h >>> 15);
    }

    /** The flow with this key, or {@link #NONE}. */
    int find(int h, int list, int entry, int protocol, int source, int destination, int l4, int iface, long mac) {
        int slot = h & mask;
        while (true) {
            int v = index[slot];
            if (v == 0) {
                return NONE;
            }
            int id = v - 1;
            if (hash[id] == h && this.source[id] == source && this.destination[id] == destination
                    && this.l4[id] == l4 && this.entry[id] == entry && this.list[id] == list
                    && this.protocol[id] == protocol && this.iface[id] == iface && this.mac[id] == mac) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Adds a flow (known to be absent) due at {@code dueAt}; {@link #NONE} when the cache is full. */
    int insert(int h, int list, int entry, int protocol, int source, int destination, int l4, int iface, long mac,
               long dueAt) {
        if (freeCount == 0) {
            return NONE;
        }
        int id = free[--freeCount];
        this.hash[id] = h;
        this.list[id] = list;
        this.entry[id] = entry;
        this.protocol[id] = protocol;
        this.source[id] = source;
        this.destination[id] = destination;
        this.l4[id] = l4;
        this.iface[id] = iface;
        this.mac[id] = mac;
        this.pending[id] = 0;
        int slot = h & mask;
        while (index[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        index[slot] = id + 1;
        size++;
        schedule(id, dueAt);
        return id;
    }

    /** Drops a flow from the index, the due list and the cache. */
    void remove(int id) {
        unlink(id);
        int slot = hash[id] & mask;
        while (index[slot] != id + 1) {
            slot = (slot + 1) & mask;
        }
        // backward-shift deletion: pull later members of the probe run into the hole
        int hole = slot;
        int j = slot;
        while (true) {
            j = (j + 1) & mask;
            int v = index[j];
            if (v == 0) {
                break;
            }
            int home = hash[v - 1] & mask;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                index[hole] = v;
                hole = j;
            }
        }
        index[hole] = 0;
        free[freeCount++] = id;
        size--;
    }

    /** Moves a flow to its place in the due order (usually the tail: dues grow with time). */
    void reschedule(int id, long dueAt) {
        unlink(id);
        schedule(id, dueAt);
    }

    private void schedule(int id, long dueAt) {
        due[id] = dueAt;
        int after = tail;
        while (after != NONE && due[after] > dueAt) {
            after = prev[after];
        }
        prev[id] = after;
        if (after == NONE) {
            next[id] = head;
            if (head != NONE) {
                prev[head] = id;
            }
            head = id;
        } else {
            next[id] = next[after];
            if (next[after] != NONE) {
                prev[next[after]] = id;
            }
            next[after] = id;
        }
        if (next[id] == NONE) {
            tail = id;
        }
    }

    private void unlink(int id) {
        int p = prev[id];
        int n = next[id];
        if (p == NONE) {
            head = n;
        } else {
            next[p] = n;
        }
        if (n == NONE) {
            tail = p;
        } else {
            prev[n] = p;
        }
        prev[id] = next[id] = NONE;
    }
}
