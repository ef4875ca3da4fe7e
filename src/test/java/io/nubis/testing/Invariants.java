package io.nubis.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.nubis.driver.simulator.SimulatorControl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What must hold after any crash and recovery (issue 7), checked over the database and the simulated hosts of one test:
 * no job open and no lock for the resources; no VM in a transitional state; per host, the capacity used equals the sum
 * over its live VMs; one IP allocation per live NIC and none for a NIC that is gone; no root volume (and no attached
 * data volume) without a live VM; on each simulated host, no domain, volume file or DHCP lease that no live VM owns.
 */
public final class Invariants {

    /** A database connection (the test's datasource, or a plain JDBC connection outside Quarkus). */
    public interface Connections {

        Connection get() throws SQLException;
    }

    /** What the simulated machines hold: domains and files per address. */
    public interface Machines {

        Set<String> vmIds(String address);

        Set<String> files(String address);
    }

    private final Connections db;
    private final Machines machines;

    public Invariants(AgroalDataSource db, SimulatorControl simulator) {
        this(db::getConnection, new Machines() {

            @Override
            public Set<String> vmIds(String address) {
                return simulator.vmIds(address);
            }

            @Override
            public Set<String> files(String address) {
                return simulator.files(address);
            }
        });
    }

    /** Over any connection; the machines are read from the simulator's own tables (sim_domain, sim_file). */
    public Invariants(Connections db) {
        this(db, null);
    }

    private Invariants(Connections db, Machines machines) {
        this.db = db;
        this.machines = machines != null ? machines : new Machines() {

            @Override
            public Set<String> vmIds(String address) {
                return new HashSet<>(strings("SELECT vm_id FROM sim_domain WHERE address = ?", address));
            }

            @Override
            public Set<String> files(String address) {
                return new HashSet<>(strings("SELECT path FROM sim_file WHERE address = ?", address));
            }
        };
    }

    /**
     * Checks every invariant for the resources of one test: its hosts (ids and simulated addresses, in the same order)
     * and its L3 network (other tests' leftovers elsewhere in the database are not this test's business).
     */
    public void check(List<String> hostIds, List<String> hostAddresses, String l3Id) {
        String hosts = marks(hostIds);
        assertEquals(0, count("SELECT COUNT(*) FROM job WHERE state IN ('Pending','Running','RollingBack')"
                + " AND resource_type = 'vm' AND resource_id IN (SELECT vm_id FROM vm_nic WHERE l3_id = ?)",
                List.of(l3Id)), "open jobs of the test's VMs");
        assertEquals(0, count("SELECT COUNT(*) FROM resource_lock l JOIN vm_nic n ON n.vm_id = l.resource_id"
                + " WHERE n.l3_id = ?", List.of(l3Id)), "locks of the test's VMs");
        assertEquals(0, count("SELECT COUNT(*) FROM vm_instance WHERE state IN ('Creating','Starting','Stopping',"
                + "'Rebooting','Destroying') AND id IN (SELECT vm_id FROM vm_nic WHERE l3_id = ?)", List.of(l3Id)),
                "VMs in a transitional state");
        for (String host : hostIds) {
            assertEquals(0, count("SELECT COUNT(*) FROM host h WHERE h.id = ? AND h.cpu_total - h.cpu_available <>"
                    + " (SELECT COALESCE(SUM(v.cpus), 0) FROM vm_instance v WHERE v.host_id = h.id AND v.state <>"
                    + " 'Destroyed')", List.of(host)), "CPUs used on host " + host + " vs its live VMs");
            assertEquals(0, count("SELECT COUNT(*) FROM host h WHERE h.id = ? AND h.memory_total - h.memory_available"
                    + " <> (SELECT COALESCE(SUM(v.memory_mib), 0) FROM vm_instance v WHERE v.host_id = h.id AND"
                    + " v.state <> 'Destroyed')", List.of(host)), "memory used on host " + host + " vs its live VMs");
        }
        assertEquals(0, count("SELECT COUNT(*) FROM ip_allocation a WHERE a.l3_id = ? AND a.owner_type = 'vm-nic'"
                + " AND NOT EXISTS (SELECT 1 FROM vm_nic n JOIN vm_instance v ON v.id = n.vm_id WHERE n.id ="
                + " a.owner_id AND v.state <> 'Destroyed')", List.of(l3Id)), "IP allocations without a live NIC");
        assertEquals(0, count("SELECT COUNT(*) FROM vm_nic n JOIN vm_instance v ON v.id = n.vm_id WHERE n.l3_id = ?"
                + " AND v.state <> 'Destroyed' AND n.ip IS NOT NULL AND (SELECT COUNT(*) FROM ip_allocation a WHERE"
                + " a.owner_id = n.id) <> 1", List.of(l3Id)), "live NICs without exactly one allocation");
        if (!hostIds.isEmpty()) {
            // a root volume lives with its VM; a data volume may be detached, but not attached to a VM that is gone
            assertEquals(0, count("SELECT COUNT(*) FROM volume o WHERE o.host_id IN (" + hosts + ") AND (o.type ="
                    + " 'Root' OR o.vm_id IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM vm_instance v WHERE v.id ="
                    + " o.vm_id AND v.state <> 'Destroyed')", hostIds), "volumes without a live VM");
        }
        for (int i = 0; i < hostIds.size() && i < hostAddresses.size(); i++) {
            // issue 8: no snapshot left in a job's state; the snapshots in the volume files are exactly the rows'
            assertEquals(0, count("SELECT COUNT(*) FROM volume_snapshot s JOIN volume o ON o.id = s.volume_id WHERE"
                    + " o.host_id = ? AND s.status <> 'Ready'", List.of(hostIds.get(i))), "snapshots in a job's state");
            Set<String> rows = new HashSet<>(strings("SELECT CONCAT(o.path, '@', s.id) FROM volume_snapshot s JOIN"
                    + " volume o ON o.id = s.volume_id WHERE o.host_id = ? AND o.path LIKE '/%'", hostIds.get(i)));
            Set<String> tags = new HashSet<>(strings("SELECT CONCAT(path, '@', tag) FROM sim_snapshot WHERE address = ?"
                    + " AND path LIKE '%/volumes/%'", hostAddresses.get(i)));
            assertEquals(rows, tags, "snapshots in the volume files of " + hostAddresses.get(i) + " vs their rows");
            // shared storage (issue 12): the snapshots of the host's volumes are the shared store's
            Set<String> shared = new HashSet<>(strings("SELECT CONCAT(o.path, '@', s.id) FROM volume_snapshot s JOIN"
                    + " volume o ON o.id = s.volume_id WHERE o.host_id = ? AND o.path NOT LIKE '/%'", hostIds.get(i)));
            Set<String> sharedTags = new HashSet<>(strings("SELECT CONCAT(t.path, '@', t.tag) FROM sim_snapshot t"
                    + " WHERE t.address = 'nfs' AND t.path IN (SELECT o.path FROM volume o WHERE o.host_id = ?)",
                    hostIds.get(i)));
            assertEquals(shared, sharedTags, "snapshots of the shared volumes of " + hostAddresses.get(i));
        }
        Set<String> liveVms = new HashSet<>(strings("SELECT id FROM vm_instance WHERE state <> 'Destroyed'"));
        Set<String> liveVolumes = new HashSet<>(strings("SELECT path FROM volume"));
        for (String address : hostAddresses) {
            for (String vm : machines.vmIds(address)) {
                assertTrue(liveVms.contains(vm), "domain of VM " + vm + " left on " + address);
            }
            for (String file : machines.files(address)) {
                if (file.contains("/volumes/")) {
                    assertTrue(liveVolumes.contains(file), "volume file " + file + " left on " + address);
                }
            }
        }
    }

    private static String marks(List<String> ids) {
        return ids.isEmpty() ? "NULL" : String.join(",", ids.stream().map(i -> "?").toList());
    }

    private long count(String sql, List<String> params) {
        try (Connection c = db.get(); PreparedStatement st = c.prepareStatement(sql)) {
            int i = 1;
            for (int k = 0; k < countMarks(sql); k++) {
                st.setString(i++, params.get(k % Math.max(1, params.size())));
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many NICs are members of the security group (a rolled-back create must leave none). */
    public long securityGroupMembers(String groupId) {
        return count("SELECT COUNT(*) FROM security_group_member WHERE group_id = ?", List.of(groupId));
    }

    private static int countMarks(String sql) {
        return (int) sql.chars().filter(ch -> ch == '?').count();
    }

    private List<String> strings(String sql, String... params) {
        List<String> out = new ArrayList<>();
        try (Connection c = db.get(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setString(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The bytes still available on a host's local primary storage (its reservation row). */
    public static long availableStorage(AgroalDataSource db, String hostId) throws java.sql.SQLException {
        try (java.sql.Connection c = db.getConnection();
                java.sql.PreparedStatement ps = c.prepareStatement(
                        "SELECT available_bytes FROM local_storage_host WHERE host_id = ?")) {
            ps.setString(1, hostId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no local storage row for host " + hostId);
                }
                return rs.getLong(1);
            }
        }
    }
}
