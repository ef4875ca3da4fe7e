package io.nubis.driver.kvm;

import io.nubis.driver.BridgeSpec;
import io.nubis.driver.DhcpSpec;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.NetworkDriver;
import io.nubis.driver.NicFilterSpec;
import io.nubis.driver.RouterSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link NetworkDriver} for KVM hosts, over SSH with {@code ip}, {@code dnsmasq} and {@code flock}.
 *
 * <ul>
 * <li>Bridge: {@code ip link add <br>
 *  type bridge} unless it exists, with one port that carries it off the host: the uplink (flat), its 802.1Q
 * sub-interface {@code <uplink>.<vlan>} (VLAN), or a VXLAN device {@code nvx<vni>} (MTU 1450, endpoint on the host's
 * management address, UDP 4789, the peers' addresses as its flood list, kept exactly in step with the spec). A bridge
 * or port that existed is kept; what this call created is deleted again if the call fails. A port that carries IPv4
 * addresses or belongs to another bridge is refused: enslaving it would cut the host off.</li>
 * <li>DHCP for an L3 network: a network namespace {@code ndhcp-<12 hex of the L3 id>}, a veth pair {@code ndh<hex>} (on
 * the bridge) / {@code ndn<hex>} (in the namespace, with the server address), and dnsmasq in the namespace serving only
 * the static leases of {@code /var/lib/nubis/dhcp/<l3 id>/hosts} (DNS off: {@code --port=0}). A changed lease set is
 * written to a temporary file, renamed over the old one and loaded with SIGHUP; changed options (gateway, DNS servers,
 * server address) restart dnsmasq.</li>
 * <li>NIC filters (layer-2 anti-spoofing): nftables rules in the {@code bridge} family, one chain per VM NIC device in
 * the table {@code nubis_antispoof}, each change one atomic {@code nft -f} transaction ({@link NftNicFilter}).</li>
 * </ul>
 *
 * Every change runs under {@code flock /var/lib/nubis/dhcp} on the host, so concurrent jobs (on any management server)
 * never race on one host. Scripts are constants; values reach them as positional arguments, each validated here and
 * quoted by {@link RemoteCommand}; the lease file travels on standard input.
 */
@ApplicationScoped
public class KvmNetworkDriver implements NetworkDriver {

    /** Runs the script "$2" with name "$3" and arguments "$4"... while holding the lock on directory "$1". */
    static final String LOCKED = """
            set -e
            lock="$1"; shift
            mkdir -p "$lock"
            exec flock -o -w 60 "$lock" sh -c "$@"
            """;

    /**
     * Arguments: bridge, uplink ("" for none), VLAN id ("" for none), VNI ("" for none), local VTEP address, then the
     * VXLAN peers. What this call creates is deleted again if the call fails; what existed stays.
     */
    static final String ENSURE_BRIDGE = """
            set -eu
            PATH="$PATH:/usr/sbin:/sbin"
            br="$1"; up="$2"; vlan="$3"; vni="$4"; vtep="$5"; shift 5
            created=""
            ipv4() {
              case "$1" in
                *[!0-9.]*) getent ahostsv4 "$1" | awk 'NR == 1 {print $1}' ;;
                *) echo "$1" ;;
              esac
            }
            trap 'rc=$?; if [ $rc -ne 0 ]; then for d in $created; do ip link del dev "$d" 2>/dev/null || true; done; fi' EXIT
            fail() { echo "$1" >&2; exit 3; }
            if ! ip link show dev "$br" >/dev/null 2>&1; then
              ip link add name "$br" type bridge
              created="$br"
            fi
            [ -d "/sys/class/net/$br/bridge" ] || fail "$br exists and is not a bridge"
            port=""
            if [ -n "$vlan" ]; then
              [ -e "/sys/class/net/$up" ] || fail "interface $up does not exist"
              port="$up.$vlan"
              if ! ip link show dev "$port" >/dev/null 2>&1; then
                if ! err=$(ip link add link "$up" name "$port" type vlan id "$vlan" 2>&1); then
                  fail "cannot create the 802.1Q interface $port (does this kernel support VLANs?): $err"
                fi
                created="$port $created"
              fi
              ip -d link show dev "$port" | grep -q " vlan protocol 802.1Q id $vlan " \
                || fail "$port exists and is not VLAN $vlan of $up"
              ip link set dev "$up" up
            elif [ -n "$vni" ]; then
              port="nvx$vni"
              name="$vtep"; vtep=$(ipv4 "$name")
              [ -n "$vtep" ] || fail "the tunnel endpoint $name does not resolve to an IPv4 address"
              want=""
              for w in "$@"; do
                a=$(ipv4 "$w")
                [ -n "$a" ] || fail "the VXLAN peer $w does not resolve to an IPv4 address"
                [ "$a" = "$vtep" ] || want="$want $a"
              done
              set -- $want
              if ! ip link show dev "$port" >/dev/null 2>&1; then
                ip link add name "$port" mtu 1450 type vxlan id "$vni" local "$vtep" dstport 4789
                created="$port $created"
              fi
              ip -d link show dev "$port" | grep -q " vxlan id $vni local $vtep " \
                || fail "$port exists and is not VXLAN $vni with its endpoint on $vtep"
              have=$(bridge fdb show dev "$port" | awk '$1 == "00:00:00:00:00:00" && $2 == "dst" {print $3}')
              for p in $have; do
                keep=0
                for w in "$@"; do [ "$p" = "$w" ] && keep=1; done
                [ $keep = 1 ] || bridge fdb del 00:00:00:00:00:00 dev "$port" dst "$p"
              done
              for w in "$@"; do
                case " $(echo $have) " in
                  *" $w "*) ;;
                  *) bridge fdb append 00:00:00:00:00:00 dev "$port" dst "$w" ;;
                esac
              done
            elif [ -n "$up" ]; then
              [ -e "/sys/class/net/$up" ] || fail "interface $up does not exist"
              port="$up"
            fi
            if [ -n "$port" ]; then
              master=""
              if [ -e "/sys/class/net/$port/master" ]; then master=$(basename "$(readlink -f "/sys/class/net/$port/master")"); fi
              [ -z "$master" ] || [ "$master" = "$br" ] || fail "interface $port already belongs to $master"
              if [ -z "$master" ]; then
                if [ -n "$(ip -o -4 addr show dev "$port")" ]; then
                  fail "interface $port carries IPv4 addresses: enslaving it to $br would cut them off"
                fi
                ip link set dev "$port" master "$br"
              fi
              ip link set dev "$port" up
            fi
            ip link set dev "$br" up
            """;

    /** Arguments: bridge, VNI ("" for none). */
    static final String REMOVE_BRIDGE = """
            set -u
            PATH="$PATH:/usr/sbin:/sbin"
            br="$1"; vni="$2"
            [ -d "/sys/class/net/$br/bridge" ] || exit 0
            others=""
            for p in $(ls "/sys/class/net/$br/brif"); do
              [ "$p" = "nvx$vni" ] || others="$others $p"
            done
            if [ -n "$others" ]; then echo "bridge $br still has ports:$others" >&2; exit 3; fi
            if [ -n "$vni" ] && ip link show dev "nvx$vni" >/dev/null 2>&1; then ip link del dev "nvx$vni"; fi
            ip link del dev "$br"
            """;

    /** Functions shared by the DHCP scripts: is pid $1 our dnsmasq (pid file $2), stop it. */
    static final String DNSMASQ_FUNCTIONS = """
            ours() { [ -r "/proc/$1/cmdline" ] && tr '\\000' '\\n' < "/proc/$1/cmdline" | grep -qxF -- "--pid-file=$2"; }
            stop() {
              kill "$1" 2>/dev/null || true
              i=0
              while ours "$1" "$2" && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
              if ours "$1" "$2"; then kill -9 "$1" 2>/dev/null || true; fi
            }
            """;

    static final String ENSURE_DHCP = """
            set -eu
            PATH="$PATH:/usr/sbin:/sbin"
            ns="$1"; vh="$2"; vn="$3"; br="$4"; addr="$5"; dir="$6"; shift 6
            pidfile="$dir/dnsmasq.pid"
            """ + DNSMASQ_FUNCTIONS + """
            fresh=0
            [ -d "$dir" ] || fresh=1
            cleanup() {
              if [ -f "$pidfile" ] && ours "$(cat "$pidfile")" "$pidfile"; then stop "$(cat "$pidfile")" "$pidfile"; fi
              ip netns del "$ns" 2>/dev/null || true
              ip link del dev "$vh" 2>/dev/null || true
              rm -rf "$dir"
            }
            trap 'rc=$?; if [ $rc -ne 0 ] && [ $fresh = 1 ]; then cleanup; fi' EXIT
            if [ ! -d "/sys/class/net/$br/bridge" ]; then echo "bridge $br does not exist" >&2; exit 3; fi
            mkdir -p "$dir"
            cat > "$dir/hosts.new"
            mv -f "$dir/hosts.new" "$dir/hosts"
            ip netns exec "$ns" true 2>/dev/null || ip netns add "$ns"
            if ! ip link show dev "$vh" >/dev/null 2>&1; then
              ip netns exec "$ns" ip link del dev "$vn" 2>/dev/null || true
              ip link add "$vh" type veth peer name "$vn"
              ip link set dev "$vn" netns "$ns"
            fi
            ip link set dev "$vh" master "$br"
            ip link set dev "$vh" up
            ip netns exec "$ns" ip link set dev lo up
            ip netns exec "$ns" ip link set dev "$vn" up
            if [ "$(ip netns exec "$ns" ip -4 -o addr show dev "$vn" | awk '{print $4}')" != "$addr" ]; then
              ip netns exec "$ns" ip -4 addr flush dev "$vn"
              ip netns exec "$ns" ip addr add "$addr" dev "$vn"
            fi
            printf '%s\\n' "$@" > "$dir/args.new"
            pid=""
            if [ -f "$pidfile" ] && ours "$(cat "$pidfile")" "$pidfile"; then pid=$(cat "$pidfile"); fi
            if [ -n "$pid" ] && cmp -s "$dir/args.new" "$dir/args"; then
              rm -f "$dir/args.new"
              kill -HUP "$pid"
              echo reloaded
            else
              if [ -n "$pid" ]; then stop "$pid" "$pidfile"; fi
              mv -f "$dir/args.new" "$dir/args"
              ip netns exec "$ns" dnsmasq "$@"
              echo started
            fi
            """;

    static final String REMOVE_DHCP = """
            set -u
            PATH="$PATH:/usr/sbin:/sbin"
            ns="$1"; vh="$2"; dir="$3"
            pidfile="$dir/dnsmasq.pid"
            """ + DNSMASQ_FUNCTIONS + """
            if [ -f "$pidfile" ] && ours "$(cat "$pidfile")" "$pidfile"; then stop "$(cat "$pidfile")" "$pidfile"; fi
            if ip netns exec "$ns" true 2>/dev/null; then
              for p in $(ip netns pids "$ns"); do kill -9 "$p" 2>/dev/null || true; done
              ip netns del "$ns"
            fi
            i=0
            while ip link show dev "$vh" >/dev/null 2>&1 && [ $i -lt 50 ]; do
              ip link del dev "$vh" 2>/dev/null || true
              sleep 0.1; i=$((i+1))
            done
            rm -rf "$dir"
            left=""
            ip netns exec "$ns" true 2>/dev/null && left="$left namespace $ns"
            ip link show dev "$vh" >/dev/null 2>&1 && left="$left interface $vh"
            [ -e "$dir" ] && left="$left directory $dir"
            if [ -n "$left" ]; then echo "still present:$left" >&2; exit 3; fi
            """;

    @Inject
    SshPool ssh;

    @Override
    public String type() {
        return KvmHostDriver.TYPE;
    }

    @Override
    public void ensureBridge(HostEndpoint host, BridgeSpec bridge) throws DriverException {
        require(bridge.name() != null && KvmNetworkNames.BRIDGE.matcher(bridge.name()).matches(), "bridge name",
                bridge.name());
        String uplink = bridge.physicalInterface() == null ? "" : bridge.physicalInterface();
        require(uplink.isEmpty() || (KvmNetworkNames.INTERFACE.matcher(uplink).matches() && !uplink.equals(".")
                && !uplink.equals("..")), "interface name", uplink);
        List<String> args = new ArrayList<>(List.of(bridge.name(), uplink));
        if (bridge.vlanId() != null) {
            require(bridge.vlanId() >= 1 && bridge.vlanId() <= 4094, "VLAN id", bridge.vlanId());
            require((uplink + "." + bridge.vlanId()).length() <= 15, "VLAN interface name",
                    uplink + "." + bridge.vlanId());
            args.addAll(List.of(bridge.vlanId().toString(), "", ""));
        } else if (bridge.vxlan() != null) {
            BridgeSpec.Vxlan vx = bridge.vxlan();
            require(vx.vni() >= 1 && vx.vni() <= BridgeSpec.MAX_VNI, "VNI", vx.vni());
            requireVtep(vx.local());
            args.addAll(List.of("", Integer.toString(vx.vni()), vx.local()));
            for (String peer : vx.peers()) {
                requireVtep(peer);
                require(!peer.equals(vx.local()), "VXLAN peer (this host itself)", peer);
                args.add(peer);
            }
        } else {
            args.addAll(List.of("", "", ""));
        }
        ExecResult r = ssh.exec(host, locked(ENSURE_BRIDGE, "nubis-bridge", args.toArray(String[]::new)));
        if (!r.ok()) {
            throw new DriverException("cannot set up bridge " + bridge.name() + " on " + host.address() + ": "
                    + problem(r));
        }
    }

    @Override
    public void ensureDhcp(HostEndpoint host, DhcpSpec dhcp) throws DriverException {
        String id = dhcp.l3NetworkId();
        require(id != null && KvmNetworkNames.UUID.matcher(id).matches(), "L3 network id", id);
        require(dhcp.bridge() != null && KvmNetworkNames.BRIDGE.matcher(dhcp.bridge()).matches(), "bridge name",
                dhcp.bridge());
        requireIp(dhcp.serverIp());
        require(dhcp.prefixLength() >= 8 && dhcp.prefixLength() <= 30, "prefix length", dhcp.prefixLength());
        if (dhcp.gateway() != null) {
            requireIp(dhcp.gateway());
        }
        for (String dns : dhcp.dnsServers()) {
            requireIp(dns);
        }
        require(dhcp.mtu() == null || (dhcp.mtu() >= 576 && dhcp.mtu() <= 9000), "MTU", dhcp.mtu());
        StringBuilder hosts = new StringBuilder();
        for (DhcpSpec.Lease l : dhcp.leases()) {
            require(l.mac() != null && KvmNetworkNames.MAC.matcher(l.mac()).matches(), "MAC address", l.mac());
            requireIp(l.ip());
            require(l.hostname() == null || KvmNetworkNames.HOSTNAME.matcher(l.hostname()).matches(), "host name",
                    l.hostname());
            hosts.append(l.mac()).append(',').append(l.ip());
            if (l.hostname() != null) {
                hosts.append(',').append(l.hostname());
            }
            hosts.append('\n');
        }
        String dir = KvmNetworkNames.dhcpDir(id);
        String vn = KvmNetworkNames.vethNamespace(id);
        long mask = dhcp.prefixLength() == 0 ? 0 : (0xffffffffL << (32 - dhcp.prefixLength())) & 0xffffffffL;
        String network = format(parse(dhcp.serverIp()) & mask);
        List<String> args = new ArrayList<>(List.of(KvmNetworkNames.namespace(id), KvmNetworkNames.vethHost(id), vn,
                dhcp.bridge(), dhcp.serverIp() + "/" + dhcp.prefixLength(), dir));
        args.addAll(List.of("--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--port=0", "--bind-interfaces",
                "--interface=" + vn, "--except-interface=lo", "--dhcp-range=" + network + ",static," + format(mask),
                "--dhcp-hostsfile=" + dir + "/hosts", "--dhcp-leasefile=" + dir + "/leases",
                "--pid-file=" + dir + "/dnsmasq.pid", "--log-facility=" + dir + "/dnsmasq.log",
                dhcp.gateway() == null ? "--dhcp-option=3" : "--dhcp-option=3," + dhcp.gateway()));
        if (!dhcp.dnsServers().isEmpty()) {
            args.add("--dhcp-option=6," + String.join(",", dhcp.dnsServers()));
        }
        if (dhcp.mtu() != null) {
            args.add("--dhcp-option=26," + dhcp.mtu());
        }
        RemoteCommand cmd = locked(ENSURE_DHCP, "nubis-dhcp", args.toArray(String[]::new))
                .withStdin(hosts.toString().getBytes(StandardCharsets.US_ASCII));
        ExecResult r = ssh.exec(host, cmd);
        if (!r.ok()) {
            throw new DriverException("cannot run DHCP of L3 network " + id + " on " + host.address() + ": "
                    + problem(r));
        }
    }

    @Override
    public void removeDhcp(HostEndpoint host, String l3NetworkId) throws DriverException {
        require(l3NetworkId != null && KvmNetworkNames.UUID.matcher(l3NetworkId).matches(), "L3 network id",
                l3NetworkId);
        ExecResult r = ssh.exec(host,
                locked(REMOVE_DHCP, "nubis-dhcp", KvmNetworkNames.namespace(l3NetworkId),
                        KvmNetworkNames.vethHost(l3NetworkId), KvmNetworkNames.dhcpDir(l3NetworkId)));
        if (!r.ok()) {
            throw new DriverException("cannot remove DHCP of L3 network " + l3NetworkId + " from " + host.address()
                    + ": " + problem(r));
        }
    }

    @Override
    public void ensureNicFilter(HostEndpoint host, NicFilterSpec nic) throws DriverException {
        String script;
        try {
            script = NftNicFilter.ensureScript(nic);
        } catch (IllegalArgumentException e) {
            throw new DriverException("refusing an invalid NIC filter: " + e.getMessage());
        }
        ExecResult r = ssh.exec(host, RemoteCommand.of("sh", "-c", NftNicFilter.APPLY, "nubis-nic-filter")
                .withStdin(script.getBytes(StandardCharsets.US_ASCII)));
        if (!r.ok()) {
            throw new DriverException("cannot install the anti-spoofing rules of NIC " + nic.nicId() + " (device "
                    + nic.device() + ") on " + host.address() + ": " + problem(r));
        }
    }

    @Override
    public void removeNicFilter(HostEndpoint host, String nicId) throws DriverException {
        String script;
        try {
            script = NftNicFilter.removeScript(nicId);
        } catch (IllegalArgumentException e) {
            throw new DriverException("refusing an invalid NIC id: " + e.getMessage());
        }
        ExecResult r = ssh.exec(host,
                RemoteCommand.of("sh", "-c", NftNicFilter.APPLY_IF_TABLE, "nubis-nic-filter", NftNicFilter.TABLE)
                        .withStdin(script.getBytes(StandardCharsets.US_ASCII)));
        if (!r.ok()) {
            throw new DriverException("cannot remove the anti-spoofing rules of NIC " + nicId + " from "
                    + host.address() + ": " + problem(r));
        }
    }

    @Override
    public void removeBridge(HostEndpoint host, String bridge, Integer vni) throws DriverException {
        require(bridge != null && KvmNetworkNames.BRIDGE.matcher(bridge).matches(), "bridge name", bridge);
        require(vni == null || (vni >= 1 && vni <= BridgeSpec.MAX_VNI), "VNI", vni);
        ExecResult r = ssh.exec(host,
                locked(REMOVE_BRIDGE, "nubis-bridge-rm", bridge, vni == null ? "" : vni.toString()));
        if (!r.ok()) {
            throw new DriverException("cannot remove bridge " + bridge + " from " + host.address() + ": " + problem(r));
        }
    }

    @Override
    public void ensureRouter(HostEndpoint host, RouterSpec router) throws DriverException {
        try {
            KvmRouter.check(router);
        } catch (IllegalArgumentException e) {
            throw new DriverException("refusing an invalid " + e.getMessage());
        }
        RemoteCommand cmd = locked(KvmRouter.ENSURE, "nubis-router", KvmRouter.args(router).toArray(String[]::new))
                .withStdin(KvmRouter.input(router).getBytes(StandardCharsets.US_ASCII));
        ExecResult r = ssh.exec(host, cmd);
        if (!r.ok()) {
            throw new DriverException("cannot run the router of L3 network " + router.l3NetworkId() + " on "
                    + host.address() + ": " + problem(r));
        }
    }

    @Override
    public void removeRouter(HostEndpoint host, String l3NetworkId) throws DriverException {
        require(l3NetworkId != null && KvmNetworkNames.UUID.matcher(l3NetworkId).matches(), "L3 network id",
                l3NetworkId);
        ExecResult r = ssh.exec(host,
                locked(KvmRouter.REMOVE, "nubis-router", KvmRouter.namespace(l3NetworkId),
                        KvmRouter.privateHostLeg(l3NetworkId), KvmRouter.publicHostLeg(l3NetworkId),
                        KvmRouter.dir(l3NetworkId)));
        if (!r.ok()) {
            throw new DriverException("cannot remove the router of L3 network " + l3NetworkId + " from "
                    + host.address() + ": " + problem(r));
        }
    }

    @Override
    public java.util.Map<String, String> loadBalancerHealth(HostEndpoint host, String l3NetworkId)
            throws DriverException {
        require(l3NetworkId != null && KvmNetworkNames.UUID.matcher(l3NetworkId).matches(), "L3 network id",
                l3NetworkId);
        ExecResult r = ssh.exec(host, RemoteCommand.of("sh", "-c", KvmRouter.HEALTH, "nubis-lb-health",
                KvmRouter.dir(l3NetworkId)));
        if (!r.ok()) {
            throw new DriverException("cannot read the load balancers of L3 network " + l3NetworkId + " on "
                    + host.address() + ": " + problem(r));
        }
        return KvmRouter.health(r.stdout());
    }

    /** {@code sh -c LOCKED nubis-net <lock dir> <script> <name> <args...>}. */
    static RemoteCommand locked(String script, String name, String... args) {
        List<String> argv = new ArrayList<>(
                List.of("sh", "-c", LOCKED, "nubis-net", KvmNetworkNames.DHCP_ROOT, script, name));
        argv.addAll(List.of(args));
        return RemoteCommand.of(argv);
    }

    /** What went wrong, for an admin: the script's own message (stderr), else the exit code. */
    private static String problem(ExecResult r) {
        String err = r.stderr().strip();
        if (err.length() > 800) {
            err = err.substring(0, 800) + "...";
        }
        return (err.isEmpty() ? "failed" : err) + " (exit " + r.exitCode() + ")";
    }

    private static void require(boolean ok, String what, Object value) throws DriverException {
        if (!ok) {
            throw new DriverException("refusing an invalid " + what + ": " + value);
        }
    }

    private static void requireIp(String ip) throws DriverException {
        require(ip != null && KvmNetworkNames.IPV4.matcher(ip).matches(), "IPv4 address", ip);
    }

    /** An IPv4 address or a DNS name (the host resolves it); never an option or shell syntax. */
    private static void requireVtep(String address) throws DriverException {
        require(address != null && (KvmNetworkNames.IPV4.matcher(address).matches()
                || KvmNetworkNames.DNS_NAME.matcher(address).matches()), "VXLAN endpoint address", address);
    }

    private static long parse(String ip) {
        long v = 0;
        for (String p : ip.split("\\.")) {
            v = (v << 8) | Integer.parseInt(p);
        }
        return v;
    }

    private static String format(long v) {
        return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
    }
}
