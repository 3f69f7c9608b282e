package dev.perimeter.bridge;

import dev.perimeter.io.live.LinuxInterfaces;

/**
 * One {@code --port LINUX_IF[=IOS_NAME]}: the Linux interface to bridge and the configuration interface it stands
 * for (whose {@code ip access-group} lists it applies); without {@code =IOS_NAME} the Linux name is used.
 */
public record PortSpec(String linuxName, String iosName) {

    public static PortSpec parse(String text) {
        int eq = text.indexOf('=');
        String linux = eq < 0 ? text : text.substring(0, eq);
        String ios = eq < 0 ? linux : text.substring(eq + 1);
        if (!LinuxInterfaces.validName(linux)) {
            throw new IllegalArgumentException("--port wants LINUX_IF[=IOS_NAME]; '" + linux
                    + "' is not a Linux interface name");
        }
        if (ios.isBlank()) {
            throw new IllegalArgumentException("--port " + text + ": the IOS interface name after '=' is empty");
        }
        return new PortSpec(linux, ios.strip());
    }

    @Override
    public String toString() {
        return linuxName.equals(iosName) ? linuxName : linuxName + "=" + iosName;
    }
}
