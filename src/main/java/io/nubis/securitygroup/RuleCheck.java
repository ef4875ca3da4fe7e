package io.nubis.securitygroup;

import io.nubis.platform.Text;
import io.nubis.platform.Validation;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a rule field by field and gives it its canonical form. Rules only allow, so overlapping rules are accepted
 * (the NIC gets their union) and nothing can contradict; a rule identical to one the group has is refused (409) by the
 * service.
 */
final class RuleCheck {

    static final Set<String> DIRECTIONS = Set.of("ingress", "egress");
    static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "icmp", "all");
    static final Pattern CIDR = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})$");

    /** A checked rule in canonical form (lower-case names, portEnd filled in, canonical CIDR). */
    record Canonical(String direction, String protocol, Integer portStart, Integer portEnd, String cidr,
            String remoteGroupId) {
    }

    private RuleCheck() {
    }

    /** @throws io.nubis.platform.InvalidInputException with a message per field */
    static Canonical check(SecurityGroupRuleInput in) {
        Validation v = Validation.start();
        if (in == null) {
            v.add("direction", Text.msg(m -> m.error_required())).throwIfAny();
        }
        String direction = lower(in.direction());
        String protocol = lower(in.protocol());
        v.required("direction", direction).required("protocol", protocol);
        v.check(direction == null || DIRECTIONS.contains(direction), "direction",
                Text.of(SecurityGroupMessages.class, m -> m.error_sg_direction()));
        v.check(protocol == null || PROTOCOLS.contains(protocol), "protocol",
                Text.of(SecurityGroupMessages.class, m -> m.error_sg_protocol()));
        Integer start = in.portStart();
        Integer end = in.portEnd() == null ? start : in.portEnd();
        boolean ports = "tcp".equals(protocol) || "udp".equals(protocol);
        if (protocol != null && !ports && (start != null || in.portEnd() != null)) {
            v.add("portStart", Text.of(SecurityGroupMessages.class, m -> m.error_sg_no_ports(protocol)));
        } else if (ports) {
            v.check(in.portEnd() == null || start != null, "portStart", Text.msg(m -> m.error_required()));
            v.check(start == null || (start >= 1 && start <= 65535), "portStart",
                    Text.of(SecurityGroupMessages.class, m -> m.error_sg_port()));
            v.check(end == null || (end >= 1 && end <= 65535), "portEnd",
                    Text.of(SecurityGroupMessages.class, m -> m.error_sg_port()));
            if (!v.hasError("portStart") && !v.hasError("portEnd") && start != null) {
                v.check(end >= start, "portEnd",
                        Text.of(SecurityGroupMessages.class, m -> m.error_sg_port_order(start)));
            }
        }
        String cidr = Validation.blankToNull(in.cidr());
        String remote = Validation.blankToNull(in.remoteGroupId());
        if ((cidr == null) == (remote == null)) {
            v.add("cidr", Text.of(SecurityGroupMessages.class, m -> m.error_sg_other_side()));
        }
        if (remote != null) {
            v.id("remoteGroupId", remote);
        }
        String canonical = cidr == null ? null : canonicalCidr(v, cidr.trim());
        v.throwIfAny();
        return new Canonical(direction, protocol, ports ? start : null, ports ? end : null, canonical, remote);
    }

    /** The CIDR as given when it is a network address; a 400 otherwise (naming the network it lies in). */
    private static String canonicalCidr(Validation v, String cidr) {
        java.util.regex.Matcher m = CIDR.matcher(cidr);
        if (!m.matches()) {
            v.add("cidr", Text.of(SecurityGroupMessages.class, x -> x.error_sg_cidr_format()));
            return null;
        }
        long ip = 0;
        for (int i = 1; i <= 4; i++) {
            int part = Integer.parseInt(m.group(i));
            if (part > 255 || (m.group(i).length() > 1 && m.group(i).startsWith("0"))) {
                v.add("cidr", Text.of(SecurityGroupMessages.class, x -> x.error_sg_cidr_format()));
                return null;
            }
            ip = ip << 8 | part;
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix > 32 || (m.group(5).length() > 1 && m.group(5).startsWith("0"))) {
            v.add("cidr", Text.of(SecurityGroupMessages.class, x -> x.error_sg_cidr_format()));
            return null;
        }
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        if ((ip & ~mask & 0xFFFFFFFFL) != 0) {
            long net = ip & mask;
            String suggestion = (net >> 24 & 255) + "." + (net >> 16 & 255) + "." + (net >> 8 & 255) + "." + (net & 255)
                    + "/" + prefix;
            v.add("cidr", Text.of(SecurityGroupMessages.class, x -> x.error_sg_cidr_host_bits(cidr, suggestion)));
            return null;
        }
        return cidr;
    }

    private static String lower(String s) {
        String b = Validation.blankToNull(s);
        return b == null ? null : b.trim().toLowerCase(Locale.ROOT);
    }
}
