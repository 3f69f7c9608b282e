package dev.perimeter.bridge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses {@code --admin HOST:PORT} and refuses any address that is not loopback: the admin pages have no login. */
public final class AdminAddress {
    private AdminAddress() {
    }

    public static InetSocketAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("--admin wants HOST:PORT on loopback, e.g. 127.0.0.1:8080; got '"
                    + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--admin port is not a number: '" + text.substring(colon + 1) + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--admin port out of range 0-65535: " + port);
        }
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+|localhost")) {
            throw new IllegalArgumentException("--admin serves on loopback only; '" + host
                    + "' is not a loopback address (use 127.0.0.1)");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--admin address not understood: '" + host + "'");
        }
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("--admin serves on loopback only; " + host
                    + " is not a loopback address (use 127.0.0.1)");
        }
        return new InetSocketAddress(address, port);
    }
}
