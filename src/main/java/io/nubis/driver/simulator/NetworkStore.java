package io.nubis.driver.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nubis.driver.BridgeSpec;
import io.nubis.driver.DhcpSpec;
import io.nubis.driver.NicFilterSpec;
import io.nubis.driver.RouterSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Bridges ({@code sim_bridge}), DHCP services ({@code sim_dhcp}, the last pushed spec as JSON) and NIC filters
 * ({@code sim_nic_filter}) of simulated hosts. Each write is one statement: a bridge that exists is kept as it is
 * ({@code INSERT IGNORE}); a DHCP spec is written only if its bridge exists, in the same statement
 * ({@code INSERT ... SELECT} from the bridge's row).
 */
@ApplicationScoped
class NetworkStore {

    @Inject
    SimulatorDatabase db;
    @Inject
    ObjectMapper json;

    /**
     * Creates the bridge if missing; one that exists keeps its uplink, VLAN and VNI (as a real host keeps its devices),
     * but a VXLAN flood list always becomes the spec's, as the real driver's does.
     */
    boolean ensureBridge(Call call, BridgeSpec bridge, boolean guarded) {
        BridgeSpec.Vxlan vx = bridge.vxlan();
        String peers = vx == null ? null : String.join(",", vx.peers());
        return db.update(call, "INSERT INTO sim_bridge (address, name, physical_interface, vlan_id, vni, vtep, peers)"
                + " SELECT ?, ?, ?, ?, ?, ?, ? FROM DUAL" + CallGate.where(guarded)
                + " ON DUPLICATE KEY UPDATE peers = IF(vni IS NULL, peers, VALUES(peers))",
                CallGate.args(call, guarded, call.address(), bridge.name(), bridge.physicalInterface(), bridge.vlanId(),
                        vx == null ? null : vx.vni(), vx == null ? null : vx.local(), peers)) > 0;
    }

    /** Removes a bridge unless a DHCP service or router still uses it; true when it is gone. */
    boolean removeBridge(Call call, String bridge) {
        db.update(call, "DELETE FROM sim_bridge WHERE address = ? AND name = ? AND NOT EXISTS (SELECT 1 FROM sim_dhcp d"
                + " WHERE d.address = sim_bridge.address AND JSON_VALUE(d.spec, '$.bridge') = sim_bridge.name)",
                call.address(), bridge);
        return db.list(call, "SELECT name FROM sim_bridge WHERE address = ? AND name = ?", rs -> rs.getString(1),
                call.address(), bridge).isEmpty();
    }

    /** Writes the DHCP spec of its L3 network, replacing the previous one; false when its bridge does not exist. */
    boolean putDhcp(Call call, DhcpSpec dhcp, boolean guarded) {
        String spec = write(dhcp);
        return db.update(call, "INSERT INTO sim_dhcp (address, l3_network_id, spec) SELECT address, ?, ?"
                + " FROM sim_bridge WHERE address = ? AND name = ?" + (guarded ? " AND " + CallGate.ANSWERS : "")
                + " ON DUPLICATE KEY UPDATE spec = VALUES(spec)",
                CallGate.args(call, guarded, dhcp.l3NetworkId(), spec, call.address(), dhcp.bridge())) > 0;
    }

    void removeDhcp(Call call, String l3NetworkId) {
        db.update(call, "DELETE FROM sim_dhcp WHERE address = ? AND l3_network_id = ?", call.address(), l3NetworkId);
    }

    /** Writes the router spec of its L3 network, replacing the previous one; false when a bridge does not exist. */
    boolean putRouter(Call call, RouterSpec router) {
        String spec;
        try {
            spec = json.writeValueAsString(router);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return db.update(call, "INSERT INTO sim_router (address, l3_network_id, spec) SELECT ?, ?, ? FROM DUAL"
                + " WHERE (SELECT COUNT(*) FROM sim_bridge WHERE address = ? AND name IN (?, ?)) = 2"
                + " ON DUPLICATE KEY UPDATE spec = VALUES(spec)", call.address(), router.l3NetworkId(), spec,
                call.address(), router.privateBridge(), router.publicBridge()) > 0;
    }

    void removeRouter(Call call, String l3NetworkId) {
        db.update(call, "DELETE FROM sim_router WHERE address = ? AND l3_network_id = ?", call.address(), l3NetworkId);
    }

    Optional<RouterSpec> router(String address, String l3NetworkId) {
        return db.one(Call.control(address), "SELECT spec FROM sim_router WHERE address = ? AND l3_network_id = ?",
                rs -> {
                    try {
                        return json.readValue(rs.getString(1), RouterSpec.class);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("unreadable router spec in sim_router: " + e.getMessage(), e);
                    }
                }, address, l3NetworkId);
    }

    /** Forgets a router as if its namespace had been deleted by hand on the host. */
    void dropRouter(String address, String l3NetworkId) {
        db.update(Call.control(address), "DELETE FROM sim_router WHERE address = ? AND l3_network_id = ?", address,
                l3NetworkId);
    }

    /** Writes the filter of the NIC's device, replacing the previous one. */
    boolean putNicFilter(Call call, NicFilterSpec nic, boolean guarded) {
        String firewall;
        try {
            firewall = nic.firewall() == null ? null : json.writeValueAsString(nic.firewall());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return db.update(call,
                "INSERT INTO sim_nic_filter (address, device, nic_id, mac, ip, firewall) SELECT ?, ?, ?, ?, ?, ?"
                        + " FROM DUAL" + CallGate.where(guarded)
                        + " ON DUPLICATE KEY UPDATE nic_id = VALUES(nic_id), mac = VALUES(mac), ip = VALUES(ip),"
                        + " firewall = VALUES(firewall)",
                CallGate.args(call, guarded, call.address(), nic.device(), nic.nicId(), nic.mac(), nic.ip(),
                        firewall)) > 0;
    }

    void removeNicFilter(Call call, String device) {
        db.update(call, "DELETE FROM sim_nic_filter WHERE address = ? AND device = ?", call.address(), device);
    }

    /** The host's NIC filters by device name. */
    Map<String, NicFilterSpec> nicFilters(String address) {
        Map<String, NicFilterSpec> out = new TreeMap<>();
        db.list(Call.control(address), "SELECT device, nic_id, mac, ip, firewall FROM sim_nic_filter WHERE address = ?",
                rs -> Map.entry(rs.getString(1), new NicFilterSpec(rs.getString(2), rs.getString(3), rs.getString(4),
                        firewall(rs.getString(5)))),
                address).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private io.nubis.driver.NicFirewall firewall(String text) {
        try {
            return text == null ? null : json.readValue(text, io.nubis.driver.NicFirewall.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forgets every NIC filter of the host (a host reboot). */
    void dropNicFilters(String address) {
        db.update(Call.control(address), "DELETE FROM sim_nic_filter WHERE address = ?", address);
    }

    Map<String, BridgeSpec> bridges(String address) {
        Map<String, BridgeSpec> out = new TreeMap<>();
        db.list(Call.control(address),
                "SELECT name, physical_interface, vlan_id, vni, vtep, peers FROM sim_bridge WHERE address = ?",
                rs -> new BridgeSpec(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3),
                        rs.getObject(4) == null
                                ? null
                                : new BridgeSpec.Vxlan(rs.getInt(4), rs.getString(5),
                                        rs.getString(6) == null || rs.getString(6).isEmpty()
                                                ? List.of()
                                                : List.of(rs.getString(6).split(",")))),
                address).forEach(b -> out.put(b.name(), b));
        return out;
    }

    Optional<DhcpSpec> dhcp(String address, String l3NetworkId) {
        return db.one(Call.control(address), "SELECT spec FROM sim_dhcp WHERE address = ? AND l3_network_id = ?",
                rs -> read(rs.getString(1)), address, l3NetworkId);
    }

    Set<String> dhcpNetworks(String address) {
        return new LinkedHashSet<>(db.list(Call.control(address),
                "SELECT l3_network_id FROM sim_dhcp WHERE address = ? ORDER BY l3_network_id", rs -> rs.getString(1),
                address));
    }

    private String write(DhcpSpec spec) {
        try {
            return json.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private DhcpSpec read(String text) {
        try {
            return json.readValue(text, DhcpSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable DHCP spec in sim_dhcp: " + e.getMessage(), e);
        }
    }
}
