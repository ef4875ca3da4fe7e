package io.nubis.vm;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The cloud-init data of a VM (issue 13): hostname, SSH public keys (one per line), user data. */
@Entity
@Table(name = "vm_cloud_init")
public class VmCloudInit extends PanacheEntityBase {

    @Id
    @Column(name = "vm_id")
    public String vmId;
    @Column(nullable = false)
    public String hostname;
    @Column(name = "ssh_keys")
    public String sshKeys;
    @Column(name = "user_data")
    public String userData;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
