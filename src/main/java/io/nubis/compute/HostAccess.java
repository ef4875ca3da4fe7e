package io.nubis.compute;

import io.nubis.platform.Rows;
import io.nubis.driver.HostEndpoint;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compute's published face for the features that work on hosts (storage, network, vm): the one place that loads a host
 * and opens its credentials. Everything it returns is a value ({@link HostRef}); nobody outside compute touches the
 * {@code Host} entity or the {@code host} table (ArchitectureTest). Each feature maps {@link HostRef#driverType()} to
 * its own driver. Reads are short transactions (joined when the caller has one), so no lock outlives the call.
 */
@ApplicationScoped
public class HostAccess {

    /** A host as another feature needs it: identity, place, state, and how a driver reaches it. */
    public record HostRef(String id, String name, String zoneId, String clusterId, String driverType,
            HostState state, HostStatus status, HostEndpoint endpoint) {
    }

    @Inject
    SecretBox secrets;

    @Inject
    io.nubis.platform.Sql sql;

    /**
     * The host with its endpoint (credentials opened). Three to four times per VM create: plain JDBC
     * ({@link io.nubis.platform.Sql#flushedQuery}, which sees this transaction's changes to the row), the columns a
     * {@link HostRef} needs.
     */
    @Transactional
    public HostRef host(String hostId) {
        List<Object[]> rows = hostId == null
                ? List.of()
                : sql.flushedQuery("SELECT id, name, zone_id, cluster_id, driver_type, state, status, address,"
                        + " ssh_port, username, ssh_password_enc, ssh_private_key_enc, host_key_fingerprint"
                        + " FROM host WHERE id = ?", hostId);
        if (rows.isEmpty()) {
            throw new NotFoundException("host", hostId);
        }
        Object[] r = rows.get(0);
        return new HostRef((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                HostState.valueOf((String) r[5]), HostStatus.valueOf((String) r[6]),
                new HostEndpoint((String) r[0], (String) r[7], ((Number) r[8]).intValue(), (String) r[9],
                        Host.credentials(secrets, (String) r[10], (String) r[11], (String) r[12])));
    }

    /** The Connected hosts of a cluster, by name. */
    @Transactional
    public List<HostRef> connectedHosts(String clusterId) {
        return Host.<Host>list("clusterId = ?1 and status = ?2 order by name", clusterId, HostStatus.Connected)
                .stream().map(this::ref).toList();
    }

    /** Every host of these clusters, whatever its state and status, by name. */
    @Transactional
    public List<HostRef> hostsIn(Collection<String> clusterIds) {
        if (clusterIds.isEmpty()) {
            return List.of();
        }
        return Host.<Host>list("clusterId in ?1 order by name", clusterIds).stream().map(this::ref).toList();
    }

    /** Names of the cluster's hosts that reported at connect that their kernel cannot make 802.1Q VLAN interfaces. */
    @Transactional
    public List<String> namesWithoutVlan(String clusterId) {
        return Host.<Host>list("clusterId = ?1 and vlanSupported = false order by name", clusterId).stream()
                .map(h -> h.name).toList();
    }

    /** Whether a host with this id exists. */
    @Transactional
    public boolean exists(String hostId) {
        return hostId != null && Rows.count(Host.class, "id = ?1", hostId) > 0;
    }

    /** The admin state of a host (Enabled, Disabled, PreMaintenance, Maintenance), empty when there is no such host. */
    @Transactional
    public Optional<HostState> state(String hostId) {
        Host h = hostId == null ? null : Host.findById(hostId);
        return h == null ? Optional.empty() : Optional.of(h.state);
    }

    /** The cluster of a host, empty when there is no such host. */
    @Transactional
    public Optional<String> clusterOf(String hostId) {
        Host h = hostId == null ? null : Host.findById(hostId);
        return h == null ? Optional.empty() : Optional.of(h.clusterId);
    }

    /** The ids of every host of a cluster (whatever their state). */
    @Transactional
    public List<String> hostIdsOf(String clusterId) {
        return Host.<Host>list("clusterId", clusterId).stream().map(h -> h.id).toList();
    }

    /** Host names by id, for views; ids without a host are left out. */
    @Transactional
    public Map<String, String> names(Collection<String> ids) {
        return io.nubis.platform.Rows.valueById(Host.class, ids, h -> h.name);
    }

    private HostRef ref(Host h) {
        return new HostRef(h.id, h.name, h.zoneId, h.clusterId, h.driverType, h.state, h.status, h.endpoint(secrets));
    }
}
