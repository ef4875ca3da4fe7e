package io.nubis.network;

import java.util.regex.Pattern;

/**
 * An IPv4 subnet in CIDR notation. The network address must be the subnet's first address ({@code 10.0.0.0/24}, not
 * {@code 10.0.0.5/24}). Prefix lengths 8 to 30: a subnet needs room for a network, a broadcast and some hosts.
 */
public record Cidr(long network, int prefixLength) {

    public static final int MIN_PREFIX = 8;
    public static final int MAX_PREFIX = 30;
    private static final Pattern FORMAT = Pattern.compile("^[0-9.]{7,15}/[0-9]{1,2}$");

    /** Why a text is not an acceptable CIDR. */
    public enum Problem {
        FORMAT, PREFIX, HOST_BITS
    }

    /** Parses {@code text}; IllegalArgumentException with the {@link Problem} name as message when it is not valid. */
    public static Cidr parse(String text) {
        Problem p = problem(text);
        if (p != null) {
            throw new IllegalArgumentException(p.name());
        }
        int slash = text.indexOf('/');
        return new Cidr(Ipv4.parse(text.substring(0, slash)), Integer.parseInt(text.substring(slash + 1)));
    }

    /** Null when {@code text} is a valid CIDR, else what is wrong with it. */
    public static Problem problem(String text) {
        if (text == null || !FORMAT.matcher(text).matches()) {
            return Problem.FORMAT;
        }
        int slash = text.indexOf('/');
        String ip = text.substring(0, slash);
        if (!Ipv4.isValid(ip)) {
            return Problem.FORMAT;
        }
        int prefix = Integer.parseInt(text.substring(slash + 1));
        if (prefix < MIN_PREFIX || prefix > MAX_PREFIX) {
            return Problem.PREFIX;
        }
        long v = Ipv4.parse(ip);
        return (v & ~Ipv4.mask(prefix) & 0xffffffffL) != 0 ? Problem.HOST_BITS : null;
    }

    public long broadcast() {
        return network | (~Ipv4.mask(prefixLength) & 0xffffffffL);
    }

    /** Whether {@code ip} lies in the subnet (network and broadcast addresses included). */
    public boolean contains(long ip) {
        return ip >= network && ip <= broadcast();
    }

    /** Whether {@code ip} is an address a host may have: inside, and neither the network nor the broadcast address. */
    public boolean isHostAddress(long ip) {
        return ip > network && ip < broadcast();
    }

    public boolean overlaps(Cidr other) {
        return network <= other.broadcast() && other.network <= broadcast();
    }

    public String netmask() {
        return Ipv4.netmask(prefixLength);
    }

    public String networkAddress() {
        return Ipv4.format(network);
    }

    @Override
    public String toString() {
        return Ipv4.format(network) + "/" + prefixLength;
    }
}
