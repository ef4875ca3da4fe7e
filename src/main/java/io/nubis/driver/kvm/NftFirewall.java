package io.nubis.driver.kvm;

import io.nubis.driver.FirewallRule;
import io.nubis.driver.NicFirewall;
import java.util.List;
import java.util.Map;

/**
 * The security-group part of a NIC's nftables rules ({@link NftNicFilter}): a stateful firewall in the {@code bridge}
 * family, for traffic between VMs on one host as well as across hosts. This kernel has no connection tracking for
 * bridged frames ({@code ct} in the bridge family needs {@code nf_conntrack_bridge}), so the state is kept in two
 * dynamic sets of the table, filled from the packet path:
 *
 * <pre>
 * set flows { typeof ether saddr . ip daddr . meta l4proto . th sport . th dport; flags dynamic,timeout; timeout 10m }
 * set pings { typeof ether saddr . ip daddr . icmp id; flags dynamic,timeout; timeout 1m }
 * </pre>
 *
 * A TCP or UDP conversation is keyed by the guest's MAC (which the anti-spoofing rules pin to its NIC), the other
 * side's address, the protocol and both ports. When a rule lets a packet through, in either direction, its conversation
 * is added (or its timeout renewed); a packet of a known conversation passes both ways. ICMP echo requests the guest
 * sends record their id for the replies. Per NIC device {@code nbX}:
 *
 * <pre>
 * nbXo (egress):  known conversation -&gt; nbXk; DHCP to the server -&gt; nbXk; echo replies and ICMP errors accept;
 *                 each egress rule -&gt; nbXk; drop
 * nbXk:           record the conversation (TCP, UDP) or the echo id; accept
 * nbXi (ingress): ARP, DHCP answers, ICMP errors accept; known conversation -&gt; nbXj; echo reply of a recorded id
 *                 accept; each ingress rule -&gt; nbXj; drop
 * nbXj:           record the conversation (TCP, UDP); accept
 * </pre>
 *
 * Peer groups are sets of addresses ({@code set g<12 hex> { type ipv4_addr; }}) written whole by every call that names
 * them. Values are checked first ({@link NicFirewall#check()}).
 */
final class NftFirewall {

    /** How long a TCP or UDP conversation without a packet stays known. */
    static final String FLOW_TIMEOUT = "10m";

    private NftFirewall() {
    }

    static String egress(String dev) {
        return dev + "o";
    }

    static String egressTrack(String dev) {
        return dev + "k";
    }

    static String ingress(String dev) {
        return dev + "i";
    }

    static String ingressTrack(String dev) {
        return dev + "j";
    }

    /** The state sets, added if missing. */
    static String stateSets(String table) {
        return "add set bridge " + table + " flows { typeof ether saddr . ip daddr . meta l4proto . th sport . th dport"
                + " ; flags dynamic,timeout ; timeout " + FLOW_TIMEOUT + " ; size 262144 ; }\n"
                + "add set bridge " + table + " pings { typeof ether saddr . ip daddr . icmp id ; flags dynamic,timeout"
                + " ; timeout 1m ; size 65536 ; }\n";
    }

    /** The peer sets and the rules of the four firewall chains of {@code dev} (which exist and are empty). */
    static String rules(String table, String dev, NicFirewall fw) {
        StringBuilder s = new StringBuilder(1024);
        for (Map.Entry<String, List<String>> set : new java.util.TreeMap<>(fw.peerSets()).entrySet()) {
            s.append("add set bridge ").append(table).append(' ').append(set.getKey())
                    .append(" { type ipv4_addr ; }\n");
            s.append("flush set bridge ").append(table).append(' ').append(set.getKey()).append('\n');
            if (!set.getValue().isEmpty()) {
                s.append("add element bridge ").append(table).append(' ').append(set.getKey()).append(" { ")
                        .append(String.join(", ", new java.util.TreeSet<>(set.getValue()))).append(" }\n");
            }
        }
        String out = "add rule bridge " + table + " " + egress(dev) + " ether type ip ";
        String k = " goto " + egressTrack(dev) + "\n";
        s.append(out).append("meta l4proto { tcp, udp }")
                .append(" ether saddr . ip daddr . meta l4proto . th sport . th dport @flows").append(k);
        s.append(out).append("udp sport 68 udp dport 67").append(k);
        s.append(out).append("icmp type { echo-reply, destination-unreachable, time-exceeded, parameter-problem }")
                .append(" accept\n");
        for (FirewallRule r : fw.egress()) {
            s.append(out).append(match(r, "daddr")).append(k);
        }
        s.append("add rule bridge ").append(table).append(' ').append(egress(dev)).append(" drop\n");

        String track = "add rule bridge " + table + " " + egressTrack(dev) + " ";
        s.append(track).append("ether type ip meta l4proto { tcp, udp } update @flows")
                .append(" { ether saddr . ip daddr . meta l4proto . th sport . th dport }\n");
        s.append(track)
                .append("ether type ip icmp type echo-request update @pings { ether saddr . ip daddr . icmp id }\n");
        s.append(track).append("accept\n");

        String in = "add rule bridge " + table + " " + ingress(dev) + " ";
        String j = " goto " + ingressTrack(dev) + "\n";
        s.append(in).append("ether type arp accept\n");
        s.append(in).append("ether type ip udp sport 67 udp dport 68 accept\n");
        s.append(in).append("ether type ip icmp type { destination-unreachable, time-exceeded, parameter-problem }")
                .append(" accept\n");
        s.append(in).append("ether type ip meta l4proto { tcp, udp }")
                .append(" ether daddr . ip saddr . meta l4proto . th dport . th sport @flows").append(j);
        s.append(in).append("ether type ip icmp type echo-reply ether daddr . ip saddr . icmp id @pings accept\n");
        for (FirewallRule r : fw.ingress()) {
            s.append(in).append("ether type ip ").append(match(r, "saddr")).append(j);
        }
        s.append(in).append("drop\n");

        String back = "add rule bridge " + table + " " + ingressTrack(dev) + " ";
        s.append(back).append("ether type ip meta l4proto { tcp, udp } update @flows")
                .append(" { ether daddr . ip saddr . meta l4proto . th dport . th sport }\n");
        s.append(back).append("accept\n");
        return s.toString();
    }

    /** The match of one rule; {@code side} is the other side's address field ({@code saddr} in, {@code daddr} out). */
    static String match(FirewallRule r, String side) {
        StringBuilder m = new StringBuilder();
        if (r.peerSet() != null) {
            m.append("ip ").append(side).append(" @").append(r.peerSet()).append(' ');
        } else if (!r.cidr().equals("0.0.0.0/0")) {
            m.append("ip ").append(side).append(' ').append(r.cidr()).append(' ');
        }
        switch (r.protocol()) {
            case "tcp", "udp" -> {
                if (r.portStart() == null) {
                    m.append("meta l4proto ").append(r.protocol());
                } else {
                    m.append(r.protocol()).append(" dport ").append(r.portStart());
                    if (!r.portEnd().equals(r.portStart())) {
                        m.append('-').append(r.portEnd());
                    }
                }
            }
            case "icmp" -> m.append("meta l4proto icmp");
            default -> {
                // all protocols: the address match alone (after "ether type ip")
            }
        }
        return m.toString().strip();
    }
}
