package io.nubis.driver.kvm;

import java.util.regex.Pattern;

/**
 * Names the KVM network driver gives to what it creates on a host, all derived from Nubis ids (never from names people
 * type), and the patterns every value must match before it reaches a host command. Interface names have at most 15
 * characters (IFNAMSIZ - 1).
 */
final class KvmNetworkNames {

    static final Pattern UUID = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    static final Pattern BRIDGE = Pattern.compile("^[a-z][a-z0-9_-]{0,14}$");
    static final Pattern INTERFACE = Pattern.compile("^[a-zA-Z0-9._-]{1,15}$");
    static final Pattern IPV4 = Pattern
            .compile(
                    "^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$");
    static final Pattern MAC = Pattern.compile("^[0-9a-f]{2}(:[0-9a-f]{2}){5}$");
    static final Pattern HOSTNAME = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$");
    /** A DNS name: labels of letters, digits and inner hyphens, at least one letter (so never an IPv4 look-alike). */
    static final Pattern DNS_NAME = Pattern.compile(
            "^(?=.*[A-Za-z])(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");
    /** Where DHCP files live on a host; also the lock every network change on the host takes. */
    static final String DHCP_ROOT = "/var/lib/nubis/dhcp";

    private KvmNetworkNames() {
    }

    /** First 12 hex digits of the id: 48 random bits, unique enough among the networks of one host. */
    static String hex12(String id) {
        return id.replace("-", "").substring(0, 12);
    }

    /** Network namespace holding the L3 network's DHCP server. */
    static String namespace(String l3Id) {
        return "ndhcp-" + hex12(l3Id);
    }

    /** The veth end on the bridge (host side). */
    static String vethHost(String l3Id) {
        return "ndh" + hex12(l3Id);
    }

    /** The veth end inside the namespace, carrying the DHCP server's address. */
    static String vethNamespace(String l3Id) {
        return "ndn" + hex12(l3Id);
    }

    static String dhcpDir(String l3Id) {
        return DHCP_ROOT + "/" + l3Id;
    }
}
