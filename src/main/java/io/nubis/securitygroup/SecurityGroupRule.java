package io.nubis.securitygroup;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One rule of a security group: direction, protocol, ports and the other side (a CIDR or a remote group). */
@Entity
@Table(name = "security_group_rule")
public class SecurityGroupRule extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "group_id", nullable = false)
    public String groupId;
    @Column(nullable = false)
    public String direction;
    @Column(nullable = false)
    public String protocol;
    @Column(name = "port_start")
    public Integer portStart;
    @Column(name = "port_end")
    public Integer portEnd;
    public String cidr;
    @Column(name = "remote_group_id")
    public String remoteGroupId;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
