package io.nubis.driver.kvm;

import io.nubis.driver.RouterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The virtual router of a private network on a KVM host ({@link KvmNetworkDriver#ensureRouter}): what it is called, the
 * scripts that make and remove it, and the nftables rule set written from a {@link RouterSpec}. With {@code hex} = the
 * first 12 hex digits of the L3 network id:
 *
 * <ul>
 * <li>namespace {@code nvr-<hex>}; private leg {@code nrp<hex>} (bridge side) / {@code nri<hex>} (in the namespace,
 * gateway address, MAC {@code 02:<hex>}); public leg {@code nrx<hex>} / {@code nre<hex>} (router address and elastic
 * IPs as /32, MAC {@code 06:<hex>}), MACs derived from the id so a re-made router keeps them;</li>
 * <li>files in {@code /var/lib/nubis/router/<l3 id>}: {@code rules.nft}, {@code hosts} (DNS names), {@code args},
 * {@code dnsmasq.pid}, {@code dnsmasq.log};</li>
 * <li>table {@code ip nubis_router} in the namespace: DNAT for elastic IPs and port forwards, SNAT for elastic IPs and
 * then for the whole private subnet, a forward filter that lets the private side out and lets in only what was DNATed
 * (and replies), and an input filter that answers ping and replies on the public leg and nothing else.</li>
 * </ul>
 */
final class KvmRouter {

    static final String ROOT = "/var/lib/nubis/router";
    /** Widest port range a forward may map to other port numbers (one rule per port). */
    static final int MAX_SHIFTED_PORTS = 256;

    private KvmRouter() {
    }

    static String namespace(String l3Id) {
        return "nvr-" + KvmNetworkNames.hex12(l3Id);
    }

    static String privateHostLeg(String l3Id) {
        return "nrp" + KvmNetworkNames.hex12(l3Id);
    }

    static String privateLeg(String l3Id) {
        return "nri" + KvmNetworkNames.hex12(l3Id);
    }

    static String publicHostLeg(String l3Id) {
        return "nrx" + KvmNetworkNames.hex12(l3Id);
    }

    static String publicLeg(String l3Id) {
        return "nre" + KvmNetworkNames.hex12(l3Id);
    }

    static String dir(String l3Id) {
        return ROOT + "/" + l3Id;
    }

    /**
     * Arguments: namespace, private leg (namespace / bridge side), private bridge, gateway address with prefix, public
     * leg (namespace / bridge side), public bridge, public gateway ("" for none), directory, the MACs of the private
     * and public legs; then dnsmasq's options. Standard input: sections {@code #nubis:nft} (the rule set),
     * {@code #nubis:hosts} (DNS names), {@code #nubis:addrs} (the public leg's addresses, one per line).
     */
    static final String ENSURE = """
            set -eu
            PATH="$PATH:/usr/sbin:/sbin"
            ns="$1"; vi="$2"; vp="$3"; pbr="$4"; gw="$5"; ve="$6"; vx="$7"; xbr="$8"; pubgw="$9"; dir="${10}"
            mi="${11}"; me="${12}"
            shift 12
            pidfile="$dir/dnsmasq.pid"
            """ + KvmNetworkDriver.DNSMASQ_FUNCTIONS
            + """
                    fresh=0
                    [ -d "$dir" ] || fresh=1
                    cleanup() {
                      if [ -f "$pidfile" ] && ours "$(cat "$pidfile")" "$pidfile"; then stop "$(cat "$pidfile")" "$pidfile"; fi
                      ip netns del "$ns" 2>/dev/null || true
                      ip link del dev "$vp" 2>/dev/null || true
                      ip link del dev "$vx" 2>/dev/null || true
                      rm -rf "$dir"
                    }
                    trap 'rc=$?; if [ $rc -ne 0 ] && [ $fresh = 1 ]; then cleanup; fi' EXIT
                    for b in "$pbr" "$xbr"; do
                      if [ ! -d "/sys/class/net/$b/bridge" ]; then echo "bridge $b does not exist" >&2; exit 3; fi
                    done
                    mkdir -p "$dir"
                    : > "$dir/nft.new"; : > "$dir/hosts.new"; : > "$dir/addrs.new"; : > "$dir/haproxy.new"
                    : > "$dir/privaddrs.new"
                    awk -v d="$dir" '/^#nubis:/ { f = d "/" substr($0, 8) ".new"; next } f != "" { print > f }'
                    ip netns exec "$ns" true 2>/dev/null || ip netns add "$ns"
                    leg() {
                      # a host side whose peer is not in this namespace (the namespace was deleted and made again) is re-made
                      if ip link show dev "$1" >/dev/null 2>&1 && ! ip netns exec "$ns" ip link show dev "$2" >/dev/null 2>&1; then
                        ip link del dev "$1"
                      fi
                      if ! ip link show dev "$1" >/dev/null 2>&1; then
                        ip netns exec "$ns" ip link del dev "$2" 2>/dev/null || true
                        ip link add "$1" type veth peer name "$2"
                        ip link set dev "$2" address "$4"
                        ip link set dev "$2" netns "$ns"
                      fi
                      ip link set dev "$1" master "$3"
                      ip link set dev "$1" up
                      ip netns exec "$ns" ip link set dev "$2" up
                    }
                    leg "$vp" "$vi" "$pbr" "$mi"
                    leg "$vx" "$ve" "$xbr" "$me"
                    ip netns exec "$ns" ip link set dev lo up
                    ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1
                    addrs() {
                      have=$(ip netns exec "$ns" ip -4 -o addr show dev "$1" | awk '{print $4}')
                      for a in $have; do grep -qxF "$a" "$2" || ip netns exec "$ns" ip addr del "$a" dev "$1"; done
                      while read -r a; do
                        [ -n "$a" ] || continue
                        echo "$have" | grep -qxF "$a" || ip netns exec "$ns" ip addr add "$a" dev "$1"
                      done < "$2"
                    }
                    { echo "$gw"; sort -u "$dir/privaddrs.new"; } > "$dir/private.addrs"
                    rm -f "$dir/privaddrs.new"
                    addrs "$vi" "$dir/private.addrs"
                    addrs "$ve" "$dir/addrs.new"
                    if [ -n "$pubgw" ]; then
                      ip netns exec "$ns" ip route replace default via "$pubgw" dev "$ve"
                    else
                      ip netns exec "$ns" ip route del default 2>/dev/null || true
                    fi
                    ip netns exec "$ns" nft -f "$dir/nft.new"
                    mv -f "$dir/nft.new" "$dir/rules.nft"
                    mv -f "$dir/hosts.new" "$dir/hosts"
                    mv -f "$dir/addrs.new" "$dir/addrs"
                    printf '%s\\n' "$@" > "$dir/args.new"
                    pid=""
                    if [ -f "$pidfile" ] && ours "$(cat "$pidfile")" "$pidfile"; then pid=$(cat "$pidfile"); fi
                    if [ -n "$pid" ] && [ "$(ip netns identify "$pid" 2>/dev/null)" != "$ns" ]; then
                      stop "$pid" "$pidfile"   # left running in a namespace that was deleted by hand
                      pid=""
                    fi
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
                    # load balancers: haproxy in the namespace, reloaded only on a change (-x: listening sockets passed
                    # on, no refused connection; -sf: old connections finish)
                    hpid="$dir/haproxy.pid"
                    hours() { [ -r "/proc/$1/cmdline" ] && tr '\\000' '\\n' < "/proc/$1/cmdline" | grep -qxF -- "$hpid"; }
                    hp=""
                    for p in $(cat "$hpid" 2>/dev/null); do
                      if hours "$p"; then
                        if [ "$(ip netns identify "$p" 2>/dev/null)" = "$ns" ]; then hp="$hp $p"; else kill "$p" 2>/dev/null || true; fi
                      fi
                    done
                    if [ -s "$dir/haproxy.new" ]; then
                      if [ -n "$hp" ] && cmp -s "$dir/haproxy.new" "$dir/haproxy.cfg"; then
                        rm -f "$dir/haproxy.new"
                      else
                        haproxy -c -q -f "$dir/haproxy.new" >&2
                        mv -f "$dir/haproxy.new" "$dir/haproxy.cfg"
                        # -x: the new process takes the listening sockets over from the old one, so no connection
                        # attempt is refused during the reload; the socket path is made of ids (no spaces)
                        xs=""; [ -S "$dir/haproxy.sock" ] && xs="$dir/haproxy.sock"
                        # shellcheck disable=SC2086
                        if ! ip netns exec "$ns" haproxy -D -f "$dir/haproxy.cfg" -p "$hpid" ${hp:+${xs:+-x $xs} -sf $hp} \\
                            </dev/null >"$dir/haproxy.log" 2>&1; then
                          cat "$dir/haproxy.log" >&2; exit 4
                        fi
                      fi
                    else
                      rm -f "$dir/haproxy.new" "$dir/haproxy.cfg"
                      for p in $hp; do kill "$p" 2>/dev/null || true; done
                      rm -f "$hpid"
                    fi
                    """;

    static final String REMOVE = """
            set -u
            PATH="$PATH:/usr/sbin:/sbin"
            ns="$1"; vp="$2"; vx="$3"; dir="$4"
            pidfile="$dir/dnsmasq.pid"
            """ + KvmNetworkDriver.DNSMASQ_FUNCTIONS + """
            if [ -f "$pidfile" ] && ours "$(cat "$pidfile")" "$pidfile"; then stop "$(cat "$pidfile")" "$pidfile"; fi
            if ip netns exec "$ns" true 2>/dev/null; then
              for p in $(ip netns pids "$ns"); do kill -9 "$p" 2>/dev/null || true; done
              ip netns del "$ns"
            fi
            for d in "$vp" "$vx"; do
              i=0
              while ip link show dev "$d" >/dev/null 2>&1 && [ $i -lt 50 ]; do
                ip link del dev "$d" 2>/dev/null || true
                sleep 0.1; i=$((i+1))
              done
            done
            rm -rf "$dir"
            left=""
            ip netns exec "$ns" true 2>/dev/null && left="$left namespace $ns"
            for d in "$vp" "$vx"; do ip link show dev "$d" >/dev/null 2>&1 && left="$left interface $d"; done
            [ -e "$dir" ] && left="$left directory $dir"
            if [ -n "$left" ]; then echo "still present:$left" >&2; exit 3; fi
            """;

    /** Checks every value of the spec; throws {@link IllegalArgumentException} naming the first bad one. */
    static void check(RouterSpec r) {
        need(r.l3NetworkId() != null && KvmNetworkNames.UUID.matcher(r.l3NetworkId()).matches(), "L3 network id",
                r.l3NetworkId());
        need(bridge(r.privateBridge()), "bridge name", r.privateBridge());
        need(bridge(r.publicBridge()), "bridge name", r.publicBridge());
        ip(r.gatewayIp());
        ip(r.publicIp());
        need(r.privatePrefix() >= 8 && r.privatePrefix() <= 30, "prefix length", r.privatePrefix());
        need(r.publicPrefix() >= 8 && r.publicPrefix() <= 32, "prefix length", r.publicPrefix());
        if (r.publicGateway() != null) {
            ip(r.publicGateway());
        }
        r.upstreamDns().forEach(KvmRouter::ip);
        for (RouterSpec.Name n : r.names()) {
            need(n.hostname() != null && KvmNetworkNames.HOSTNAME.matcher(n.hostname()).matches(), "host name",
                    n.hostname());
            ip(n.ip());
        }
        for (RouterSpec.ElasticIp e : r.elasticIps()) {
            ip(e.publicIp());
            ip(e.privateIp());
            need(!e.publicIp().equals(r.publicIp()), "elastic IP (the router's own address)", e.publicIp());
        }
        for (RouterSpec.PortForward f : r.portForwards()) {
            need("tcp".equals(f.protocol()) || "udp".equals(f.protocol()), "protocol", f.protocol());
            int width = f.publicEnd() - f.publicStart();
            need(f.publicStart() >= 1 && f.publicEnd() <= 65535 && width >= 0, "public port range",
                    f.publicStart() + "-" + f.publicEnd());
            need(f.privateStart() >= 1 && f.privateStart() + width <= 65535, "private port", f.privateStart());
            need(f.privateStart() == f.publicStart() || width < MAX_SHIFTED_PORTS, "port range width", width + 1);
            ip(f.privateIp());
        }
        java.util.Set<Integer> ports = new java.util.HashSet<>();
        for (RouterSpec.Listener l : r.listeners()) {
            need("tcp".equals(l.protocol()) || "http".equals(l.protocol()), "listener protocol", l.protocol());
            need(l.port() >= 1 && l.port() <= 65535 && ports.add(l.port()), "listener port", l.port());
            need(r.portForwards().stream().noneMatch(f -> "tcp".equals(f.protocol()) && f.publicStart() <= l.port()
                    && f.publicEnd() >= l.port()), "listener port (a port forward has it)", l.port());
            need("roundrobin".equals(l.algorithm()) || "leastconn".equals(l.algorithm()), "algorithm",
                    l.algorithm());
            need(l.checkSeconds() >= 1 && l.checkSeconds() <= 300, "health check interval", l.checkSeconds());
            need(l.backends().size() <= 64, "backends", l.backends().size());
            if (l.address() != null) {
                ip(l.address());
                need(!l.address().equals(r.gatewayIp()) && network(l.address(), r.privatePrefix())
                        .equals(network(r.gatewayIp(), r.privatePrefix())), "listener address", l.address());
            }
            for (RouterSpec.Backend b : l.backends()) {
                ip(b.ip());
                need(b.port() >= 1 && b.port() <= 65535, "backend port", b.port());
                need(b.weight() >= 1 && b.weight() <= 256, "backend weight", b.weight());
            }
        }
    }

    /**
     * haproxy's configuration for the listeners ("" without listeners): one frontend on the router's public address and
     * one backend per listener; health checks every {@code checkSeconds}, out after 2 failures, in after 2 passes.
     */
    static String haproxy(RouterSpec r) {
        if (r.listeners().isEmpty()) {
            return "";
        }
        // hard-stop-after: a process replaced by a reload (-sf) serves its established connections up to 30 minutes
        StringBuilder s = new StringBuilder("global\n    maxconn 4096\n    hard-stop-after 30m\n    stats socket "
                + dir(r.l3NetworkId())
                + "/haproxy.sock mode 600 level user expose-fd listeners\n"
                + "defaults\n    timeout connect 5s\n    timeout client 60s\n    timeout server 60s\n"
                + "    timeout check 2s\n");
        for (RouterSpec.Listener l : r.listeners()) {
            String mode = "http".equals(l.protocol()) ? "http" : "tcp";
            s.append("frontend l").append(l.port()).append("\n    mode ").append(mode).append("\n    bind ")
                    .append(l.address() != null ? l.address() : r.publicIp()).append(':').append(l.port())
                    .append("\n    default_backend b")
                    .append(l.port())
                    .append('\n');
            s.append("backend b").append(l.port()).append("\n    mode ").append(mode).append("\n    balance ")
                    .append(l.algorithm()).append('\n');
            if ("http".equals(mode)) {
                s.append("    option httpchk GET /\n    http-check expect rstatus ^[234]\n");
            }
            s.append("    default-server inter ").append(l.checkSeconds()).append("s fall 2 rise 2\n");
            for (RouterSpec.Backend b : l.backends()) {
                s.append("    server ").append(b.ip()).append('_').append(b.port()).append(' ').append(b.ip())
                        .append(':')
                        .append(b.port())
                        .append(" weight ").append(b.weight()).append(" check\n");
            }
        }
        return s.toString();
    }

    /** The rule set: replaces the table in one transaction (created first, so the delete always succeeds). */
    static String rules(RouterSpec r) {
        String in = privateLeg(r.l3NetworkId());
        String out = publicLeg(r.l3NetworkId());
        String subnet = network(r.gatewayIp(), r.privatePrefix()) + "/" + r.privatePrefix();
        List<String> pre = new ArrayList<>();
        List<String> post = new ArrayList<>();
        for (RouterSpec.ElasticIp e : r.elasticIps()) {
            pre.add("iifname \"" + out + "\" ip daddr " + e.publicIp() + " dnat to " + e.privateIp());
            post.add("oifname \"" + out + "\" ip saddr " + e.privateIp() + " snat to " + e.publicIp());
        }
        for (RouterSpec.PortForward f : r.portForwards()) {
            String match = "iifname \"" + out + "\" ip daddr " + r.publicIp() + " " + f.protocol() + " dport ";
            if (f.privateStart() == f.publicStart()) {
                pre.add(match + ports(f.publicStart(), f.publicEnd()) + " dnat to " + f.privateIp());
            } else {
                for (int i = 0; i <= f.publicEnd() - f.publicStart(); i++) {
                    pre.add(match + (f.publicStart() + i) + " dnat to " + f.privateIp() + ":" + (f.privateStart() + i));
                }
            }
        }
        post.add("oifname \"" + out + "\" ip saddr " + subnet + " snat to " + r.publicIp());
        StringBuilder s = new StringBuilder();
        s.append("table ip nubis_router\ndelete table ip nubis_router\ntable ip nubis_router {\n");
        s.append("  chain prerouting {\n    type nat hook prerouting priority dstnat; policy accept;\n");
        pre.forEach(l -> s.append("    ").append(l).append('\n'));
        s.append("  }\n  chain postrouting {\n    type nat hook postrouting priority srcnat; policy accept;\n");
        post.forEach(l -> s.append("    ").append(l).append('\n'));
        s.append("  }\n  chain forward {\n    type filter hook forward priority filter; policy drop;\n");
        s.append("    ct state established,related accept\n");
        s.append("    iifname \"").append(in).append("\" oifname \"").append(out).append("\" accept\n");
        s.append("    iifname \"").append(out).append("\" oifname \"").append(in).append("\" ct status dnat accept\n");
        s.append("  }\n  chain input {\n    type filter hook input priority filter; policy accept;\n");
        s.append("    iifname \"").append(out).append("\" ct state established,related accept\n");
        s.append("    iifname \"").append(out).append("\" icmp type echo-request accept\n");
        List<String> publicPorts = r.listeners().stream().filter(l -> l.address() == null)
                .map(l -> Integer.toString(l.port())).toList();
        if (!publicPorts.isEmpty()) {
            s.append("    iifname \"").append(out).append("\" ip daddr ").append(r.publicIp()).append(" tcp dport { ")
                    .append(String.join(", ", publicPorts)).append(" } accept\n");
        }
        s.append("    iifname \"").append(out).append("\" drop\n  }\n}\n");
        return s.toString();
    }

    /**
     * Prints haproxy's statistics (CSV) when the router runs load balancers; nothing otherwise. Argument: directory.
     */
    static final String HEALTH = """
            PATH="$PATH:/usr/sbin:/sbin"
            [ -S "$1/haproxy.sock" ] || exit 0
            echo "show stat" | socat -T 2 - "UNIX-CONNECT:$1/haproxy.sock" 2>/dev/null || true
            """;

    /** Backend states from haproxy's {@code show stat} CSV: {@code "<port>/<ip>:<port>"} to its status word. */
    static java.util.Map<String, String> health(String csv) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        for (String line : csv.split("\n")) {
            String[] f = line.split(",", -1);
            if (f.length > 17 && f[0].matches("^b[0-9]{1,5}$") && f[1].matches("^[0-9.]+_[0-9]{1,5}$")) {
                out.put(f[0].substring(1) + "/" + f[1].replace('_', ':'), f[17].split(" ")[0]);
            }
        }
        return out;
    }

    /** Standard input of {@link #ENSURE}: rule set, DNS names, public addresses. */
    static String input(RouterSpec r) {
        StringBuilder s = new StringBuilder("#nubis:nft\n").append(rules(r)).append("#nubis:hosts\n");
        for (RouterSpec.Name n : r.names()) {
            s.append(n.ip()).append(' ').append(n.hostname().toLowerCase(Locale.ROOT)).append('\n');
        }
        s.append("#nubis:addrs\n").append(r.publicIp()).append('/').append(r.publicPrefix()).append('\n');
        for (RouterSpec.ElasticIp e : r.elasticIps()) {
            s.append(e.publicIp()).append("/32\n");
        }
        s.append("#nubis:haproxy\n").append(haproxy(r));
        s.append("#nubis:privaddrs\n");
        for (RouterSpec.Listener l : r.listeners()) {
            if (l.address() != null) {
                s.append(l.address()).append('/').append(r.privatePrefix()).append('\n');
            }
        }
        return s.toString();
    }

    /** Arguments of {@link #ENSURE}, dnsmasq's options last (DNS only: no DHCP range, so no DHCP). */
    static List<String> args(RouterSpec r) {
        String id = r.l3NetworkId();
        String dir = dir(id);
        List<String> a = new ArrayList<>(List.of(namespace(id), privateLeg(id), privateHostLeg(id), r.privateBridge(),
                r.gatewayIp() + "/" + r.privatePrefix(), publicLeg(id), publicHostLeg(id), r.publicBridge(),
                r.publicGateway() == null ? "" : r.publicGateway(), dir, mac(id, 0x02), mac(id, 0x06)));
        a.addAll(List.of("--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--addn-hosts=" + dir + "/hosts",
                "--bind-interfaces", "--listen-address=" + r.gatewayIp(), "--port=53", "--domain-needed",
                "--local-ttl=5", "--pid-file=" + dir + "/dnsmasq.pid", "--log-facility=" + dir + "/dnsmasq.log"));
        for (String up : r.upstreamDns()) {
            a.add("--server=" + up);
        }
        return a;
    }

    /**
     * A leg's MAC, derived from the network id (locally administered, unicast): a router made again, here or on another
     * host, answers with the same MAC, so guests' and neighbours' ARP caches stay right.
     */
    static String mac(String l3Id, int first) {
        String h = KvmNetworkNames.hex12(l3Id);
        return String.format("%02x:%s:%s:%s:%s:%s", first, h.substring(0, 2), h.substring(2, 4), h.substring(4, 6),
                h.substring(6, 8), h.substring(8, 10));
    }

    private static String ports(int start, int end) {
        return start == end ? Integer.toString(start) : start + "-" + end;
    }

    private static String network(String ip, int prefix) {
        long v = 0;
        for (String p : ip.split("\\.")) {
            v = (v << 8) | Integer.parseInt(p);
        }
        long mask = (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        long n = v & mask;
        return ((n >> 24) & 0xff) + "." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    private static boolean bridge(String name) {
        return name != null && KvmNetworkNames.BRIDGE.matcher(name).matches();
    }

    private static void ip(String ip) {
        need(ip != null && KvmNetworkNames.IPV4.matcher(ip).matches(), "IPv4 address", ip);
    }

    private static void need(boolean ok, String what, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(what + ": " + value);
        }
    }
}
