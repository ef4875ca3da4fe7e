package io.nubis.securitygroup;

/**
 * A rule to add: {@code direction} ingress or egress; {@code protocol} tcp, udp, icmp or all; {@code portStart} and
 * {@code portEnd} for tcp and udp (none: every port; only a start: that port); the other side as {@code cidr} (an IPv4
 * network, 0.0.0.0/0 for anyone) or {@code remoteGroupId} (the members of a group of the same account), one of the two.
 */
public record SecurityGroupRuleInput(String direction, String protocol, Integer portStart, Integer portEnd, String cidr,
        String remoteGroupId) {
}
