package io.nubis.compute;

import io.nubis.driver.HostEndpoint;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A hypervisor machine. Memory figures are MiB. Addresses are unique across the cloud. */
@Entity
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

    public HostEndpoint endpoint() {
        return new HostEndpoint(id, address, sshPort, username);
    }
}
