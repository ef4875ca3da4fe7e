package io.nubis.compute;

import io.nubis.driver.HostCredentials;
import io.nubis.driver.HostEndpoint;
import io.nubis.platform.SecretBox;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import org.hibernate.annotations.DynamicUpdate;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A hypervisor machine. Memory figures are MiB. Addresses are unique across the cloud. Updates write only the columns
 * that changed ({@code @DynamicUpdate}), so a job recording facts never overwrites an admin's concurrent state change.
 */
@Entity
@DynamicUpdate
@Table(name = "host")
public class Host extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "zone_id", nullable = false)
    public String zoneId;
    @Column(name = "cluster_id", nullable = false)
    public String clusterId;
    @Column(nullable = false)
    public String name;
    public String description;
    @Column(nullable = false)
    public String address;
    @Column(name = "ssh_port", nullable = false)
    public int sshPort;
    public String username;
    /** SSH password, sealed by {@link io.nubis.platform.SecretBox}; never leaves the server. */
    @Column(name = "ssh_password_enc")
    public String sshPasswordSealed;
    /** SSH private key, sealed by {@link io.nubis.platform.SecretBox}. */
    @Column(name = "ssh_private_key_enc")
    public String sshPrivateKeySealed;
    /** The accepted SSH host key ({@code SHA256:...}); null until the first successful connect. */
    @Column(name = "host_key_fingerprint")
    public String hostKeyFingerprint;
    /** A different host key the host presented, waiting for an admin to accept it; null normally. */
    @Column(name = "presented_host_key")
    public String presentedHostKey;
    @Column(name = "driver_type", nullable = false)
    public String driverType;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public HostState state;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public HostStatus status;
    @Column(name = "status_reason")
    public String statusReason;
    @Column(name = "cpu_total", nullable = false)
    public int cpuTotal;
    @Column(name = "cpu_available", nullable = false)
    public int cpuAvailable;
    @Column(name = "memory_total", nullable = false)
    public long memoryTotal;
    @Column(name = "memory_available", nullable = false)
    public long memoryAvailable;
    @Column(name = "cpu_model")
    public String cpuModel;
    @Column(name = "hypervisor_version")
    public String hypervisorVersion;
    @Column(name = "vlan_supported")
    public Boolean vlanSupported;
    /** How it reaches NFS primary storage (issue 12), as found at connect; see HostFacts. */
    @Column(name = "nfs_mode")
    public String nfsMode;
    @Column(name = "os_version")
    public String osVersion;
    @Column(name = "last_ping_at")
    public Instant lastPingAt;
    @Column(name = "next_ping_at")
    public Instant nextPingAt;
    @Column(name = "connected_at")
    public Instant connectedAt;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** How drivers reach this host, with its secrets opened. */
    public HostEndpoint endpoint(SecretBox secrets) {
        return new HostEndpoint(id, address, sshPort, username,
                credentials(secrets, sshPasswordSealed, sshPrivateKeySealed, hostKeyFingerprint));
    }

    /** The SSH credentials of sealed columns' values, opened. */
    static HostCredentials credentials(SecretBox secrets, String passwordSealed, String privateKeySealed,
            String hostKeyFingerprint) {
        return new HostCredentials(secrets.open(passwordSealed), secrets.open(privateKeySealed), hostKeyFingerprint);
    }
}
