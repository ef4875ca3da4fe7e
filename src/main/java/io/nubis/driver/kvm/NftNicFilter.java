package io.nubis.driver.kvm;

import io.nubis.driver.NicDevice;
import io.nubis.driver.NicFilterSpec;
import io.nubis.driver.NicFirewall;

/**
 * The nftables rules of the layer-2 anti-spoofing of VM NICs on a KVM host ({@link KvmNetworkDriver#ensureNicFilter}).
 * All NICs of a host share one table in the {@code bridge} family, which sees every frame entering a bridge port before
 * the bridge forwards it, delivers it to the host or learns its source MAC:
 *
 * <pre>
 * table bridge nubis_antispoof {
 *   map nics { type ifname : verdict; elements = { "nb0a6d1c2e7c1f" : jump nb0a6d1c2e7c1f, ... } }
 *   chain from_guests { type filter hook prerouting priority -200; policy accept; iifname vmap &#64;nics }
 *   chain nb0a6d1c2e7c1f {
 *     ether saddr != 52:54:00:61:62:32 drop
 *     ether type arp arp htype 1 arp ptype ip arp hlen 6 arp plen 4 arp operation { request, reply }
 *         arp saddr ether 52:54:00:61:62:32 arp saddr ip { 0.0.0.0, 10.0.0.57 } accept
 *     ether type ip udp sport 67 drop
 *     ether type ip ip saddr 0.0.0.0 ip daddr 255.255.255.255 udp sport 68 udp dport 67 accept
 *     ether type ip ip saddr 10.0.0.57 accept
 *     drop
 *   }
 * }
 * </pre>
 *
 * Frames from a device without an entry in {@code nics} (the DHCP namespaces' veths, uplinks, devices Nubis does not
 * know) pass untouched. The map jumps straight to the device's chain, so a frame meets one lookup and its own NIC's
 * rules, however many NICs the host has. Each script is one {@code nft -f} transaction: the kernel applies all of it or
 * none, so a NIC's rules are replaced without a moment in between, and a failed call changes nothing.
 *
 * <p>
 * Every value is checked before it is written into a script: the NIC id (lower-case UUID, so the device is {@code nb}
 * and 12 hex digits), the MAC (six lower-case hex pairs) and the IPv4 address (dotted quad), see
 * {@link NicFilterSpec#check()}.
 */
final class NftNicFilter {

    static final String TABLE = "nubis_antispoof";
    static final String MAP = "nics";
    static final String BASE_CHAIN = "from_guests";
    /** Ingress of NICs in security groups: the device's frames from the bridge, by output device. */
    static final String IN_MAP = "nics_in";
    static final String IN_CHAIN = "to_guests";
    /** The bridge family's {@code filter} priority. */
    static final int PRIORITY = -200;

    /**
     * After a change: deletes the peer sets ({@code g<12 hex>}) no rule of the table names any more (a group that was
     * deleted, or no NIC of this host is in a group naming it). Best effort, in one transaction: a set a concurrent
     * call started to use again makes it fail, and the next call sweeps.
     */
    static final String SWEEP_PEER_SETS = """
            t=$(nft -t list table bridge nubis_antispoof 2>/dev/null) || exit 0
            used=" $(printf '%s\n' "$t" | grep -o '@g[0-9a-f]\\{12\\}' | tr -d @ | tr '\n' ' ') "
            del=$(for s in $(printf '%s\n' "$t" | sed -n 's/^[[:space:]]*set \\(g[0-9a-f]\\{12\\}\\) {.*/\\1/p'); do
              case "$used" in *" $s "*) ;; *) echo "delete set bridge nubis_antispoof $s" ;; esac
            done)
            [ -z "$del" ] || printf '%s\n' "$del" | nft -f - 2>/dev/null
            exit 0
            """;

    /** Applies the script on standard input as one transaction, then sweeps unused peer sets. */
    static final String APPLY = """
            PATH="$PATH:/usr/sbin:/sbin"
            nft -f - || exit $?
            """ + SWEEP_PEER_SETS;

    /** Applies the script on standard input, unless the host has no table (then there is nothing to remove). */
    static final String APPLY_IF_TABLE = """
            PATH="$PATH:/usr/sbin:/sbin"
            command -v nft >/dev/null 2>&1 || { echo "nft not found" >&2; exit 127; }
            if ! nft list table bridge "$1" >/dev/null 2>&1; then cat >/dev/null; exit 0; fi
            nft -f - || exit $?
            """ + SWEEP_PEER_SETS;

    private NftNicFilter() {
    }

    /**
     * The transaction that makes the NIC's rules exactly those of {@code nic}: creates the table, map and base chain if
     * missing (the base chain's single rule is written anew, so it exists exactly once), empties the NIC's chain and
     * fills it again, and maps the device to it.
     *
     * @throws IllegalArgumentException naming a value that is not valid
     */
    static String ensureScript(NicFilterSpec nic) {
        nic.check();
        String dev = device(nic.nicId());
        String chain = "bridge " + TABLE + " " + dev;
        NicFirewall fw = nic.firewall();
        StringBuilder s = new StringBuilder(2048);
        s.append(structure());
        for (String[] base : new String[][]{{BASE_CHAIN, "iifname", MAP}, {IN_CHAIN, "oifname", IN_MAP}}) {
            s.append("flush chain bridge ").append(TABLE).append(' ').append(base[0]).append('\n');
            s.append("add rule bridge ").append(TABLE).append(' ').append(base[0]).append(' ').append(base[1])
                    .append(" vmap @").append(base[2]).append('\n');
        }
        s.append("add chain ").append(chain).append('\n');
        s.append("flush chain ").append(chain).append('\n');
        for (String c : firewallChains(dev)) {
            s.append("add chain bridge ").append(TABLE).append(' ').append(c).append('\n');
            s.append("flush chain bridge ").append(TABLE).append(' ').append(c).append('\n');
        }
        if (fw != null) {
            s.append(NftFirewall.rules(TABLE, dev, fw));
        }
        // the Ethernet source: only the NIC's own MAC (also stops the bridge from learning a stolen one)
        s.append("add rule ").append(chain).append(" ether saddr != ").append(nic.mac()).append(" drop\n");
        // ARP: Ethernet/IPv4 requests and replies that claim only the NIC's MAC and IP (0.0.0.0: an address probe)
        s.append("add rule ").append(chain).append(" ether type arp arp htype 1 arp ptype ip arp hlen 6 arp plen 4")
                .append(" arp operation { request, reply } arp saddr ether ").append(nic.mac())
                .append(" arp saddr ip { 0.0.0.0, ").append(nic.ip()).append(" } accept\n");
        // no DHCP server in a guest, whatever addresses its answers carry
        s.append("add rule ").append(chain).append(" ether type ip udp sport 67 drop\n");
        // the DHCP client before it has its address
        s.append("add rule ").append(chain).append(" ether type ip ip saddr 0.0.0.0 ip daddr 255.255.255.255")
                .append(" udp sport 68 udp dport 67 accept\n");
        // its own address: accepted, or handed to the egress rules of its security groups
        s.append("add rule ").append(chain).append(" ether type ip ip saddr ").append(nic.ip())
                .append(fw == null ? " accept\n" : " goto " + NftFirewall.egress(dev) + "\n");
        // everything else: other ARP, other IPv4 sources, IPv6 (Nubis has none yet), VLAN tags, other EtherTypes
        s.append("add rule ").append(chain).append(" drop\n");
        s.append("add element bridge ").append(TABLE).append(' ').append(MAP).append(" { \"").append(dev)
                .append("\" : jump ").append(dev).append(" }\n");
        if (fw != null) {
            s.append("add element bridge ").append(TABLE).append(' ').append(IN_MAP).append(" { \"").append(dev)
                    .append("\" : jump ").append(NftFirewall.ingress(dev)).append(" }\n");
        } else {
            s.append(dropInEntry(dev));
            for (String c : firewallChains(dev)) {
                s.append("delete chain bridge ").append(TABLE).append(' ').append(c).append('\n');
            }
        }
        return s.toString();
    }

    /**
     * The transaction that removes the device's map entries and chains and nothing else. Adding them first makes the
     * deletes succeed when they were never there (nft has no "delete if exists" before 1.0.8), all in one transaction.
     *
     * @throws IllegalArgumentException when {@code nicId} is not a lower-case UUID
     */
    static String removeScript(String nicId) {
        String dev = device(nicId);
        String chain = "bridge " + TABLE + " " + dev;
        String element = "bridge " + TABLE + " " + MAP + " { \"" + dev + "\"";
        StringBuilder s = new StringBuilder("add table bridge " + TABLE + "\n"
                + "add map bridge " + TABLE + " " + MAP + " { type ifname : verdict ; }\n"
                + "add map bridge " + TABLE + " " + IN_MAP + " { type ifname : verdict ; }\n"
                + "add chain " + chain + "\n"
                + "add element " + element + " : jump " + dev + " }\n"
                + "delete element " + element + " }\n"
                + "flush chain " + chain + "\n");
        for (String c : firewallChains(dev)) {
            s.append("add chain bridge ").append(TABLE).append(' ').append(c).append('\n');
            s.append("flush chain bridge ").append(TABLE).append(' ').append(c).append('\n');
        }
        s.append(dropInEntry(dev));
        s.append("delete chain ").append(chain).append('\n');
        for (String c : firewallChains(dev)) {
            s.append("delete chain bridge ").append(TABLE).append(' ').append(c).append('\n');
        }
        return s.toString();
    }

    /** Removes the device's entry in the ingress map (added first, so that it exists). */
    private static String dropInEntry(String dev) {
        String element = "bridge " + TABLE + " " + IN_MAP + " { \"" + dev + "\"";
        return "add element " + element + " : jump " + NftFirewall.ingress(dev) + " }\n" + "delete element " + element
                + " }\n";
    }

    private static java.util.List<String> firewallChains(String dev) {
        return java.util.List.of(NftFirewall.egress(dev), NftFirewall.egressTrack(dev), NftFirewall.ingress(dev),
                NftFirewall.ingressTrack(dev));
    }

    /** Table, maps, state sets and base chains; {@code add} leaves existing ones as they are. */
    private static String structure() {
        return "add table bridge " + TABLE + "\n"
                + "add map bridge " + TABLE + " " + MAP + " { type ifname : verdict ; }\n"
                + "add map bridge " + TABLE + " " + IN_MAP + " { type ifname : verdict ; }\n"
                + NftFirewall.stateSets(TABLE)
                + "add chain bridge " + TABLE + " " + BASE_CHAIN + " { type filter hook prerouting priority "
                + PRIORITY + " ; policy accept ; }\n"
                + "add chain bridge " + TABLE + " " + IN_CHAIN + " { type filter hook forward priority "
                + PRIORITY + " ; policy accept ; }\n";
    }

    private static String device(String nicId) {
        String dev = NicDevice.name(nicId);
        if (!NicDevice.NAME.matcher(dev).matches()) {
            throw new IllegalArgumentException("not a NIC device name: " + dev);
        }
        return dev;
    }
}
