package io.nubis.driver;

import java.util.List;
import java.util.Map;

/**
 * The stateful firewall of a VM NIC (security groups, issue 11), part of its {@link NicFilterSpec}: what may reach the
 * guest ({@code ingress}) and what it may send ({@code egress}). Replies to what a side was allowed to send always pass
 * back; DHCP, ARP and ICMP errors always pass; everything else is dropped. Rules only allow: a NIC in several groups
 * gets the union of their rules.
 *
 * @param ingress rules for traffic to the guest
 * @param egress rules for traffic from the guest (DHCP to its server always passes)
 * @param peerSets the peer sets the rules name, each with all its members' IPv4 addresses (host-wide: every call that
 *     names a set writes its whole membership)
 */
public record NicFirewall(List<FirewallRule> ingress, List<FirewallRule> egress, Map<String, List<String>> peerSets) {

    public NicFirewall {
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
        peerSets = Map.copyOf(peerSets);
    }

    /** Throws {@link IllegalArgumentException} naming the first value a driver would refuse. */
    public NicFirewall check() {
        for (FirewallRule r : ingress) {
            named(r.check());
        }
        for (FirewallRule r : egress) {
            named(r.check());
        }
        peerSets.forEach((name, ips) -> {
            if (!FirewallRule.PEER_SET.matcher(name).matches()) {
                throw new IllegalArgumentException("not a peer set name: " + name);
            }
            for (String ip : ips) {
                if (ip == null || !NicFilterSpec.IPV4.matcher(ip).matches()) {
                    throw new IllegalArgumentException("peer set " + name + ": not an IPv4 address: " + ip);
                }
            }
        });
        return this;
    }

    private void named(FirewallRule r) {
        if (r.peerSet() != null && !peerSets.containsKey(r.peerSet())) {
            throw new IllegalArgumentException("rule names peer set " + r.peerSet() + ", which is not given");
        }
    }
}
