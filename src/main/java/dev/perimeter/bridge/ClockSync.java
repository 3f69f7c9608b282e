package dev.perimeter.bridge;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * Whether the system clock is synchronised (NTP or PTP keeping it), as the kernel reports through
 * {@code adjtimex}: IOS marks a {@code datetime} stamp with {@code *} when its clock is not authoritative, and the
 * bridge does the same with the host's clock.
 */
final class ClockSync {
    /** {@code TIME_ERROR}: the clock is not synchronised. */
    private static final int TIME_ERROR = 5;
    private static final boolean AVAILABLE = register();

    private ClockSync() {
    }

    private static boolean register() {
        try {
            if (!Platform.isLinux()) {
                return false;
            }
            Native.register(ClockSync.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    private static native int adjtimex(Memory timex);

    /** True when the kernel says the clock is synchronised; false when it is not or cannot be asked. */
    static boolean isSynchronized() {
        if (!AVAILABLE) {
            return false;
        }
        Memory timex = new Memory(512); // struct timex is 208 bytes on 64-bit Linux; modes 0 only reads
        timex.clear();
        int state = adjtimex(timex);
        return state >= 0 && state != TIME_ERROR;
    }
}
