package io.nubis.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a backup storage may download an image from (issue 6, SSRF). A URL import makes the storage server open a
 * connection of the tenant's choosing inside the data centre; this policy keeps it to the public internet unless an
 * admin says otherwise:
 *
 * <ul>
 * <li>http and https only, with a host, without user info;</li>
 * <li>the host name is resolved <em>once</em>, here on the management server, and every address it resolves to must be
 * allowed; the download is then pinned to the first one ({@code curl --resolve}), so a second DNS answer cannot send it
 * elsewhere (DNS rebinding);</li>
 * <li>refused: loopback, unspecified, link-local (169.254/16, fe80::/10), private (10/8, 172.16/12, 192.168/16,
 * fc00::/7, fec0::/10), shared (100.64/10), multicast, the reserved and benchmarking ranges, NAT64 (64:ff9b::/96), and
 * every range of {@code nubis.storage.import-denied-cidrs} (e.g. the management network);</li>
 * <li>an address in {@code nubis.storage.import-allowed-cidrs} is allowed even if it is private (an internal mirror),
 * unless it is also in the denied list: the denied list wins.</li>
 * </ul>
 * Redirects are never followed (the driver's contract), so the pinned address is the only one reached.
 */
@ApplicationScoped
public class ImportEgressPolicy {

    /** The outcome: allowed with the address to pin (null when the URL names an address), or refused with a reason. */
    public record Decision(boolean allowed, String host, int port, String pinnedAddress, String refusal) {

        static Decision refuse(String why) {
            return new Decision(false, null, 0, null, why);
        }
    }

    // before ALWAYS_REFUSED, which parses with CIDR
    private static final Pattern LITERAL_V4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
    private static final Pattern CIDR = Pattern.compile("^[0-9A-Fa-f:.]+/\\d{1,3}$");
    private static final List<Block> ALWAYS_REFUSED = List.of(Block.parse("0.0.0.0/8"), Block.parse("10.0.0.0/8"),
            Block.parse("100.64.0.0/10"), Block.parse("127.0.0.0/8"), Block.parse("169.254.0.0/16"),
            Block.parse("172.16.0.0/12"), Block.parse("192.0.0.0/24"), Block.parse("192.0.2.0/24"),
            Block.parse("192.168.0.0/16"), Block.parse("198.18.0.0/15"), Block.parse("198.51.100.0/24"),
            Block.parse("203.0.113.0/24"), Block.parse("224.0.0.0/3"), Block.parse("::/128"), Block.parse("::1/128"),
            Block.parse("64:ff9b::/96"), Block.parse("fc00::/7"), Block.parse("fe80::/10"), Block.parse("fec0::/10"),
            Block.parse("ff00::/8"), Block.parse("2001:db8::/32"));

    @Inject
    StorageConfig config;

    /** Checks a URL a caller asked to import from; never throws for bad input. */
    public Decision check(String url) {
        return check(url, blocks(config.importAllowedCidrs().orElse(List.of())),
                blocks(config.importDeniedCidrs().orElse(List.of())));
    }

    static Decision check(String url, List<Block> allowed, List<Block> denied) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Decision.refuse("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Decision.refuse("only http and https URLs can be imported");
        }
        if (uri.getRawUserInfo() != null) {
            return Decision.refuse("URLs with a user name or password are not accepted");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Decision.refuse("the URL names no host");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        boolean literal = host.startsWith("[") || LITERAL_V4.matcher(host).matches();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(literal && host.startsWith("[")
                    ? host.substring(1, host.length() - 1)
                    : host);
        } catch (UnknownHostException | SecurityException e) {
            return Decision.refuse("the host name " + host + " does not resolve");
        }
        for (InetAddress a : addresses) {
            String why = refusal(a, allowed, denied);
            if (why != null) {
                return Decision.refuse("the URL's host resolves to " + a.getHostAddress() + ", " + why);
            }
        }
        String pin = literal ? null : addresses[0].getHostAddress();
        return new Decision(true, host, port, pin, null);
    }

    /** Why the address is refused, or null when it is allowed. */
    static String refusal(InetAddress a, List<Block> allowed, List<Block> denied) {
        if (denied.stream().anyMatch(b -> b.contains(a))) {
            return "which this server's configuration refuses";
        }
        if (allowed.stream().anyMatch(b -> b.contains(a))) {
            return null;
        }
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress() || ALWAYS_REFUSED.stream().anyMatch(b -> b.contains(a))) {
            return "an internal or reserved address that images are not downloaded from";
        }
        return null;
    }

    static List<Block> blocks(List<String> cidrs) {
        List<Block> out = new ArrayList<>();
        for (String c : cidrs) {
            if (c != null && !c.isBlank()) {
                out.add(Block.parse(c.trim()));
            }
        }
        return out;
    }

    /** An address block (IPv4 or IPv6), parsed from a literal CIDR without any name lookup. */
    record Block(byte[] network, int prefix) {

        static Block parse(String cidr) {
            if (!CIDR.matcher(cidr).matches()) {
                throw new IllegalArgumentException("not a CIDR block: " + cidr);
            }
            String[] parts = cidr.split("/");
            try {
                // a literal (checked above): no name lookup happens
                byte[] net = InetAddress.getByName(parts[0]).getAddress();
                int prefix = Integer.parseInt(parts[1]);
                if (prefix > net.length * 8) {
                    throw new IllegalArgumentException("prefix too long: " + cidr);
                }
                return new Block(net, prefix);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not a CIDR block: " + cidr, e);
            }
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (a instanceof Inet6Address && b.length == 16 && network.length == 4 && isV4Mapped(b)) {
                b = java.util.Arrays.copyOfRange(b, 12, 16);
            }
            if (b.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (b[full] & mask) == (network[full] & mask);
        }

        private static boolean isV4Mapped(byte[] b) {
            for (int i = 0; i < 10; i++) {
                if (b[i] != 0) {
                    return false;
                }
            }
            return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        }
    }
}
