package dev.perimeter.match;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.ClockZone;
import dev.perimeter.acl.TimeRange;
import dev.perimeter.acl.TimeRanges;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The matcher of a list whose entries name time ranges, at one instant at a time. Each set of ranges in effect
 * (a state) has its own matcher, compiled from the list as it stands in that state ({@link
 * AccessList#withTimeRanges}) and kept for when the state comes back; answers are indexes of the written
 * entries in every state, so counters and log lines carry over a change of state.
 *
 * <p>{@link #moveTo} sets the instant and returns the stretch of time around it in which the state cannot change
 * ({@link #validFrom()} to {@link #validUntil()}): a caller judging a stream of packets compares each packet's time
 * with that stretch and moves only past it. Given an executor, the state that comes next is compiled ahead in the
 * background, so that the switch finds it ready. Not thread-safe: one thread moves and matches.
 */
public final class TimedMatcher implements Matcher {
    /** States kept before the cache is emptied (a list naming many ranges could otherwise reach 2^n of them). */
    private static final int MAX_STATES = 64;

    /** The list in one state and its matcher. */
    public record State(AccessList view, Matcher matcher) {
    }

    private final AccessList list;
    private final TimeRanges ranges;
    private final Function<AccessList, Matcher> compiler;
    private final Executor ahead;
    private final List<String> names;
    /** The definition of each name, null when it is not defined (the entry is then always in effect). */
    private final TimeRange[] definitions;
    private final Map<BitSet, CompletableFuture<State>> states = new ConcurrentHashMap<>();
    private BitSet active;
    private State current;
    private long validFrom = Long.MAX_VALUE;
    private long validUntil = Long.MIN_VALUE;

    /**
     * A list's matcher in time: {@code compiler} makes the matcher of each state; {@code ahead} compiles the next
     * state in the background (null: each state is compiled when it is first reached).
     */
    public TimedMatcher(AccessList list, TimeRanges ranges, Function<AccessList, Matcher> compiler, Executor ahead) {
        this.list = list;
        this.ranges = ranges;
        this.compiler = compiler;
        this.ahead = ahead;
        this.names = list.timeRangeNames();
        this.definitions = new TimeRange[names.size()];
        for (int i = 0; i < definitions.length; i++) {
            definitions[i] = ranges.get(names.get(i));
        }
    }

    public AccessList list() {
        return list;
    }

    /**
     * Sets the instant (nanoseconds since the epoch); true when the state changed. Nothing is computed while the
     * instant stays inside the current stretch.
     */
    public boolean moveTo(long epochNanos) {
        if (epochNanos >= validFrom && epochNanos < validUntil) {
            return false;
        }
        ClockZone zone = ranges.zone();
        long minute = zone.localMinute(epochNanos);
        BitSet next = new BitSet(definitions.length);
        long from = TimeRange.ALWAYS;
        long until = TimeRange.NEVER;
        for (int i = 0; i < definitions.length; i++) {
            TimeRange r = definitions[i];
            if (r == null || r.activeAt(minute)) {
                next.set(i);
            }
            if (r != null) {
                from = Math.max(from, r.lastChange(minute));
                until = Math.min(until, r.nextChange(minute));
            }
        }
        validFrom = zone.stretchFrom(from, epochNanos);
        validUntil = zone.stretchUntil(until, epochNanos);
        boolean changed = !next.equals(active);
        if (changed) {
            active = next;
            current = state(next, false).join();
        }
        if (ahead != null && until != TimeRange.NEVER) {
            state(stateAt(until), true); // ready when the stretch ends
        }
        return changed;
    }

    /** The ranges in effect during local minute {@code minute}, as bits in the order of {@link AccessList#timeRangeNames()}. */
    private BitSet stateAt(long minute) {
        BitSet s = new BitSet(definitions.length);
        for (int i = 0; i < definitions.length; i++) {
            if (definitions[i] == null || definitions[i].activeAt(minute)) {
                s.set(i);
            }
        }
        return s;
    }

    private CompletableFuture<State> state(BitSet s, boolean inBackground) {
        if (states.size() >= MAX_STATES && !states.containsKey(s)) {
            states.keySet().removeIf(k -> !k.equals(active));
        }
        return states.computeIfAbsent(s, k -> {
            BitSet key = (BitSet) k.clone();
            if (inBackground) {
                return CompletableFuture.supplyAsync(() -> compile(key), ahead);
            }
            return CompletableFuture.completedFuture(compile(key));
        });
    }

    private State compile(BitSet s) {
        AccessList view = list.withTimeRanges(name -> s.get(names.indexOf(name)));
        return new State(view, compiler.apply(view));
    }

    /** The first instant of the stretch in which the state cannot change ({@link Long#MIN_VALUE}: since ever). */
    public long validFrom() {
        return validFrom;
    }

    /** The first instant after that stretch ({@link Long#MAX_VALUE}: never). */
    public long validUntil() {
        return validUntil;
    }

    /** The state at the instant of the last {@link #moveTo}. */
    public State current() {
        if (current == null) {
            throw new IllegalStateException("no instant set: call moveTo first");
        }
        return current;
    }

    /** Whether the named range is in effect at the instant of the last {@link #moveTo}. */
    public boolean isActive(String name) {
        int i = names.indexOf(name);
        return i < 0 || active.get(i);
    }

    /** The matcher of the current state; {@link #moveTo} must have been called. */
    @Override
    public int match(PacketKey packet) {
        return current().matcher().match(packet);
    }

    /** States compiled so far (for tests). */
    int compiledStates() {
        return states.size();
    }
}
