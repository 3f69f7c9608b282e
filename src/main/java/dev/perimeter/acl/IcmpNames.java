package dev.perimeter.acl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The IOS ICMP message names. A name stands either for a whole type ({@code unreachable} = type 3, any code)
 * or for one type and code ({@code port-unreachable} = 3/3).
 */
public final class IcmpNames {
    private IcmpNames() {
    }

    /** A type and a code; code is {@link AccessListEntry#UNSET} when the name covers every code of the type. */
    public record Message(int type, int code) {
    }

    private static final Map<String, Message> BY_NAME = new LinkedHashMap<>();
    /**
     * Names by {@link #key} of type and code: keyed by number rather than by {@link Message}, whose generated
     * hashCode links through invokedynamic on first use, milliseconds at every start-up when this table is built.
     */
    private static final Map<Integer, String> BY_MESSAGE = new LinkedHashMap<>();

    static {
        add("administratively-prohibited", 3, 13);
        add("alternate-address", 6, -1);
        add("conversion-error", 31, -1);
        add("dod-host-prohibited", 3, 10);
        add("dod-net-prohibited", 3, 9);
        add("echo", 8, -1);
        add("echo-reply", 0, -1);
        add("general-parameter-problem", 12, 0);
        add("host-isolated", 3, 8);
        add("host-precedence-unreachable", 3, 14);
        add("host-redirect", 5, 1);
        add("host-tos-redirect", 5, 3);
        add("host-tos-unreachable", 3, 12);
        add("host-unknown", 3, 7);
        add("host-unreachable", 3, 1);
        add("information-reply", 16, -1);
        add("information-request", 15, -1);
        add("mask-reply", 18, -1);
        add("mask-request", 17, -1);
        add("mobile-redirect", 32, -1);
        add("net-redirect", 5, 0);
        add("net-tos-redirect", 5, 2);
        add("net-tos-unreachable", 3, 11);
        add("net-unreachable", 3, 0);
        add("network-unknown", 3, 6);
        add("no-room-for-option", 12, 2);
        add("option-missing", 12, 1);
        add("packet-too-big", 3, 4);
        add("parameter-problem", 12, -1);
        add("port-unreachable", 3, 3);
        add("precedence-unreachable", 3, 15);
        add("protocol-unreachable", 3, 2);
        add("reassembly-timeout", 11, 1);
        add("redirect", 5, -1);
        add("router-advertisement", 9, -1);
        add("router-solicitation", 10, -1);
        add("source-quench", 4, -1);
        add("source-route-failed", 3, 5);
        add("time-exceeded", 11, -1);
        add("timestamp-reply", 14, -1);
        add("timestamp-request", 13, -1);
        add("traceroute", 30, -1);
        add("ttl-exceeded", 11, 0);
        add("unreachable", 3, -1);
    }

    private static void add(String name, int type, int code) {
        Message m = new Message(type, code);
        BY_NAME.put(name, m);
        BY_MESSAGE.putIfAbsent(key(m.type(), m.code()), name);
    }

    /** Every name with its message, in alphabetical order. */
    public static Map<String, Message> byName() {
        return java.util.Collections.unmodifiableMap(BY_NAME);
    }

    /** The message of a full name, or null. */
    public static Message lookup(String name) {
        return BY_NAME.get(name);
    }

    /** The name IOS prints for a type and code (code UNSET for "any code"), or null when there is none. */
    public static String name(int type, int code) {
        return BY_MESSAGE.get(key(type, code));
    }

    private static int key(int type, int code) {
        return type << 16 | code & 0xffff;
    }
}
