package io.nubis.driver;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * One rule of a NIC's firewall ({@link NicFirewall}, security groups): traffic of {@code protocol} to the ports
 * {@code portStart}-{@code portEnd} (TCP and UDP only) from (ingress) or to (egress) the other side, which is either
 * {@code cidr} or the members of the peer set {@code peerSet}. Exactly one of the two is given.
 *
 * @param protocol {@code tcp}, {@code udp}, {@code icmp} or {@code all}
 * @param portStart first port (1-65535) for TCP and UDP; null for every port, and for ICMP and all
 * @param portEnd last port, at least {@code portStart}; null with {@code portStart}
 * @param cidr the other side as an IPv4 network in canonical form ({@code 0.0.0.0/0}: anyone), or null
 * @param peerSet name of a peer set of the firewall ({@code g} and 12 lower-case hex digits), or null
 */
public record FirewallRule(String protocol, Integer portStart, Integer portEnd, String cidr, String peerSet) {

    public static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "icmp", "all");
    /** Peer set names: {@code g} and 12 lower-case hex digits (from the group id). */
    public static final Pattern PEER_SET = Pattern.compile("^g[0-9a-f]{12}$");

    /** Throws {@link IllegalArgumentException} naming the first value a driver would refuse. */
    public FirewallRule check() {
        if (protocol == null || !PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("protocol must be one of " + PROTOCOLS + ", not " + protocol);
        }
        boolean ports = protocol.equals("tcp") || protocol.equals("udp");
        if (portStart != null || portEnd != null) {
            if (!ports || portStart == null || portEnd == null || portStart < 1 || portEnd > 65535
                    || portStart > portEnd) {
                throw new IllegalArgumentException("ports must be a range within 1-65535 for tcp or udp, not "
                        + protocol + " " + portStart + "-" + portEnd);
            }
        }
        if ((cidr == null) == (peerSet == null)) {
            throw new IllegalArgumentException("a rule names either a CIDR or a peer set");
        }
        if (cidr != null && !isCanonicalCidr(cidr)) {
            throw new IllegalArgumentException("not a canonical IPv4 CIDR: " + cidr);
        }
        if (peerSet != null && !PEER_SET.matcher(peerSet).matches()) {
            throw new IllegalArgumentException("not a peer set name: " + peerSet);
        }
        return this;
    }

    /** A dotted-quad network address and a prefix 0-32 with no host bits set. */
    static boolean isCanonicalCidr(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0 || !NicFilterSpec.IPV4.matcher(cidr.substring(0, slash)).matches()) {
            return false;
        }
        String p = cidr.substring(slash + 1);
        if (!p.matches("^(3[0-2]|[12]?[0-9])$")) {
            return false;
        }
        int prefix = Integer.parseInt(p);
        long ip = 0;
        for (String part : cidr.substring(0, slash).split("\\.")) {
            ip = ip << 8 | Integer.parseInt(part);
        }
        long hostBits = prefix == 32 ? 0 : (1L << (32 - prefix)) - 1;
        return (ip & hostBits) == 0;
    }
}
