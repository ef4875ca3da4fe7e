package io.nubis.network;

import java.util.regex.Pattern;

/**
 * IPv4 addresses as unsigned 32-bit values in a {@code long}. Parsing is strict: four decimal octets 0-255 without
 * leading zeros (so {@code 010.0.0.1} is refused rather than read as octal by some tools).
 */
public final class Ipv4 {

    private static final Pattern DOTTED = Pattern.compile("^(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}$");

    private Ipv4() {
    }

    /** True when {@code s} is a dotted-quad IPv4 address. */
    public static boolean isValid(String s) {
        return s != null && DOTTED.matcher(s).matches() && parseOrMinus(s) >= 0;
    }

    /** The value of a dotted-quad address; IllegalArgumentException when it is not one. */
    public static long parse(String s) {
        long v = s == null || !DOTTED.matcher(s).matches() ? -1 : parseOrMinus(s);
        if (v < 0) {
            throw new IllegalArgumentException("not an IPv4 address: " + s);
        }
        return v;
    }

    private static long parseOrMinus(String s) {
        long v = 0;
        for (String part : s.split("\\.")) {
            int o = Integer.parseInt(part);
            if (o > 255) {
                return -1;
            }
            v = (v << 8) | o;
        }
        return v;
    }

    public static String format(long v) {
        return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
    }

    /** Netmask of a prefix length in dotted form, e.g. 24 -> 255.255.255.0. */
    public static String netmask(int prefixLength) {
        return format(mask(prefixLength));
    }

    static long mask(int prefixLength) {
        return prefixLength == 0 ? 0 : (0xffffffffL << (32 - prefixLength)) & 0xffffffffL;
    }
}
