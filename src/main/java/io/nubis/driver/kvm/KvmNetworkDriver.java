package io.nubis.driver.kvm;

import io.nubis.driver.BridgeSpec;
import io.nubis.driver.DhcpSpec;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.NetworkDriver;
import io.nubis.driver.NicFilterSpec;
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
 *  type bridge} unless it exists, the uplink (if any) enslaved, both up. A bridge that existed is kept; one this call
 * created is deleted again if the call fails. An uplink that carries IPv4 addresses or belongs to another bridge is
 * refused: enslaving it would cut the host off.</li>
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
            exec flock -w 60 "$lock" sh -c "$@"
            """;

    static final String ENSURE_BRIDGE = """
            set -eu
            PATH="$PATH:/usr/sbin:/sbin"
            br="$1"; up="$2"; created=0
            trap 'rc=$?; if [ $rc -ne 0 ] && [ $created = 1 ]; then ip link del dev "$br" 2>/dev/null || true; fi' EXIT
            if ! ip link show dev "$br" >/dev/null 2>&1; then
              ip link add name "$br" type bridge
              created=1
            fi
            if [ ! -d "/sys/class/net/$br/bridge" ]; then echo "$br exists and is not a bridge" >&2; exit 3; fi
            if [ -n "$up" ]; then
              if [ ! -e "/sys/class/net/$up" ]; then echo "interface $up does not exist" >&2; exit 3; fi
              master=""
              if [ -e "/sys/class/net/$up/master" ]; then master=$(basename "$(readlink -f "/sys/class/net/$up/master")"); fi
              if [ -n "$master" ] && [ "$master" != "$br" ]; then
                echo "interface $up already belongs to $master" >&2; exit 3
              fi
              if [ -z "$master" ]; then
                if [ -n "$(ip -o -4 addr show dev "$up")" ]; then
                  echo "interface $up carries IPv4 addresses: enslaving it to $br would cut them off" >&2; exit 3
                fi
                ip link set dev "$up" master "$br"
              fi
              ip link set dev "$up" up
            fi
            ip link set dev "$br" up
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
        ExecResult r = ssh.exec(host, locked(ENSURE_BRIDGE, "nubis-bridge", bridge.name(), uplink));
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
