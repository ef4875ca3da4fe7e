package io.nubis.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The invariants of issue 7 on a real test host: every {@code nubis-<uuid>} domain belongs to a live VM, every volume
 * file under the test's primary storage to a volume row, every DHCP host entry to a live NIC, every Nubis bridge
 * ({@code nbr...}) to an L2 network. Read from the host with {@link TestHosts#enter} and compared with the database.
 * What was on the host before the test class began ({@link #before}) is not the class's doing and is left out: the
 * suite's database starts empty, while the hosts keep earlier runs' bridges.
 */
public final class HostInvariants {

    private static final Pattern DOMAIN = Pattern.compile("nubis-([0-9a-f-]{36})");
    private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}(:[0-9a-f]{2}){5})");

    private HostInvariants() {
    }

    /** The Nubis domains and bridges on the host now (call before the test class creates anything). */
    public static Set<String> before(TestHosts.TestHost host) {
        Set<String> out = new HashSet<>(domains(host));
        out.addAll(bridges(host));
        out.addAll(macs(host));
        return out;
    }

    private static List<String> macs(TestHosts.TestHost host) {
        String leases = TestHosts.enter(host, "sh", "-c", "cat /var/lib/nubis/dhcp/*/hosts 2>/dev/null || true");
        Matcher m = MAC.matcher(leases.toLowerCase(Locale.ROOT));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static List<String> domains(TestHosts.TestHost host) {
        List<String> out = new ArrayList<>();
        for (String line : TestHosts.enter(host, "virsh", "list", "--all", "--name").split("\n")) {
            if (DOMAIN.matcher(line.strip()).matches()) {
                out.add(line.strip());
            }
        }
        return out;
    }

    private static List<String> bridges(TestHosts.TestHost host) {
        List<String> out = new ArrayList<>();
        for (String line : TestHosts.enter(host, "ip", "-o", "link", "show", "type", "bridge").split("\n")) {
            String[] parts = line.split(":");
            if (parts.length > 1 && parts[1].strip().startsWith("nbr")) {
                out.add(parts[1].strip());
            }
        }
        return out;
    }

    /**
     * Checks {@code host}; {@code psPath} is the test's Local primary storage folder on it (null: skip files);
     * {@code before} what {@link #before} saw.
     */
    public static void check(Invariants.Connections db, TestHosts.TestHost host, String psPath, Set<String> before) {
        Set<String> liveVms = set(db, "SELECT id FROM vm_instance WHERE state <> 'Destroyed'");
        for (String domain : domains(host)) {
            Matcher m = DOMAIN.matcher(domain);
            if (m.matches() && !before.contains(domain)) {
                assertTrue(liveVms.contains(m.group(1)), "domain " + domain + " left on " + host.name());
            }
        }
        if (psPath != null) {
            Set<String> volumes = set(db, "SELECT path FROM volume");
            String files = TestHosts.enter(host, "sh", "-c", "find \"$1\" -type f 2>/dev/null || true", "sh",
                    psPath + "/volumes");
            for (String f : files.split("\n")) {
                if (!f.isBlank()) {
                    assertTrue(volumes.contains(f.strip()), "volume file " + f.strip() + " left on " + host.name());
                }
            }
        }
        Set<String> liveMacs = set(db, "SELECT LOWER(n.mac) FROM vm_nic n JOIN vm_instance v ON v.id = n.vm_id"
                + " WHERE v.state <> 'Destroyed'");
        for (String mac : macs(host)) {
            assertTrue(before.contains(mac) || liveMacs.contains(mac),
                    "DHCP entry for " + mac + " left on " + host.name());
        }
        Set<String> l2Bridges = set(db, "SELECT bridge_name FROM l2_network");
        for (String name : bridges(host)) {
            if (!before.contains(name)) {
                assertTrue(l2Bridges.contains(name), "bridge " + name + " of no L2 network left on " + host.name());
            }
        }
    }

    private static Set<String> set(Invariants.Connections db, String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = db.get();
                PreparedStatement st = c.prepareStatement(sql);
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new HashSet<>(out);
    }
}
