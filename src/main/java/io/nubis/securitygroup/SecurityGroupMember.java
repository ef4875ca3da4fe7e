package io.nubis.securitygroup;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A VM NIC in a security group. */
@Entity
@Table(name = "security_group_member")
public class SecurityGroupMember extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "group_id", nullable = false)
    public String groupId;
    @Column(name = "nic_id", nullable = false)
    public String nicId;
    @Column(name = "vm_id", nullable = false)
    public String vmId;
    @Column(nullable = false)
    public String ip;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
