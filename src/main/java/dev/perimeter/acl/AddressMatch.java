package dev.perimeter.acl;

/**
 * An IOS address condition: an address and a wildcard mask whose set bits are "don't care".
 * The wildcard may be non-contiguous ({@code 10.0.10.0 0.255.0.255}); like IOS, the address is stored
 * with the wildcard bits cleared, so {@code 10.1.1.1 0.0.0.255} becomes {@code 10.1.1.0 0.0.0.255}.
 */
public record AddressMatch(int address, int wildcard) {

    public static final AddressMatch ANY = new AddressMatch(0, -1);

    public AddressMatch {
        address &= ~wildcard;
    }

    public static AddressMatch host(int address) {
        return new AddressMatch(address, 0);
    }

    // equals and hashCode written out: the generated ones link through invokedynamic on first use, which costs
    // milliseconds at every start-up, where entries are compared while a configuration is read
    @Override
    public boolean equals(Object o) {
        return o instanceof AddressMatch m && m.address == address && m.wildcard == wildcard;
    }

    @Override
    public int hashCode() {
        return address * 31 + wildcard;
    }

    public boolean matches(int ip) {
        return (ip & ~wildcard) == address;
    }

    public boolean isAny() {
        return wildcard == -1;
    }

    public boolean isHost() {
        return wildcard == 0;
    }

    /** True when the wildcard is a run of low-order ones, i.e. the condition is a plain prefix. */
    public boolean isPrefix() {
        return (wildcard & (wildcard + 1)) == 0;
    }

    /** Prefix length of a contiguous wildcard (0 for any, 32 for host); meaningful only when {@link #isPrefix()}. */
    public int prefixLength() {
        return Integer.bitCount(~wildcard);
    }

    /** True when every address this condition matches is also matched by {@code other}. */
    public boolean isCoveredBy(AddressMatch other) {
        return (wildcard & ~other.wildcard) == 0 && other.matches(address);
    }

    /** IOS text: {@code any}, {@code host A} or {@code A W}. */
    @Override
    public String toString() {
        if (isAny()) {
            return "any";
        }
        if (isHost()) {
            return "host " + Ipv4.format(address);
        }
        return Ipv4.format(address) + " " + Ipv4.format(wildcard);
    }
}
