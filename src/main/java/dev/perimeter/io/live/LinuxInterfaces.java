package dev.perimeter.io.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the kernel says about a network interface, read from {@code /sys/class/net} (no privileges needed). */
public final class LinuxInterfaces {
    private static final Path SYS_NET = Path.of("/sys/class/net");

    private LinuxInterfaces() {
    }

    public static boolean exists(String name) {
        return validName(name) && Files.isDirectory(SYS_NET.resolve(name));
    }

    /** The interface's MTU, or 1500 when it cannot be read. */
    public static int mtu(String name) {
        String text = read(name, "mtu");
        try {
            return text == null ? 1500 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 1500;
        }
    }

    /** True when the interface is administratively up ({@code IFF_UP} in its flags). */
    public static boolean isUp(String name) {
        String flags = read(name, "flags");
        if (flags == null) {
            return false;
        }
        try {
            return (Integer.decode(flags) & 0x1) != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A Linux interface name: 1-15 characters, no slash, no whitespace. */
    public static boolean validName(String name) {
        return name != null && !name.isEmpty() && name.length() <= 15 && !name.contains("/")
                && !name.equals(".") && !name.equals("..") && name.chars().noneMatch(Character::isWhitespace);
    }

    private static String read(String name, String attribute) {
        if (!validName(name)) {
            return null;
        }
        try {
            return Files.readString(SYS_NET.resolve(name).resolve(attribute)).trim();
        } catch (IOException e) {
            return null;
        }
    }
}
