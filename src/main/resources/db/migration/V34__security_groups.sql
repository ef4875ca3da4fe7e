-- Issue 11: security groups, a stateful firewall on VM NICs (docs/security-groups.md).

-- A group of an account: its rules allow traffic to (ingress) or from (egress) its member NICs.
CREATE TABLE security_group (
    id           CHAR(36)      NOT NULL,
    account_id   CHAR(36)      NOT NULL,
    name         VARCHAR(64)   NOT NULL,
    description  VARCHAR(255),
    created_at   DATETIME(3)   NOT NULL,
    updated_at   DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_security_group_name (account_id, name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One rule: protocol tcp, udp, icmp or all; ports for tcp and udp (null: all); the other side is cidr or the members
-- of remote_group_id (a group of the same account), never both.
CREATE TABLE security_group_rule (
    id               CHAR(36)     NOT NULL,
    group_id         CHAR(36)     NOT NULL,
    direction        VARCHAR(7)   NOT NULL,
    protocol         VARCHAR(4)   NOT NULL,
    port_start       INT,
    port_end         INT,
    cidr             VARCHAR(18),
    remote_group_id  CHAR(36),
    created_at       DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    KEY idx_security_group_rule_group (group_id),
    KEY idx_security_group_rule_remote (remote_group_id),
    CONSTRAINT fk_security_group_rule_group FOREIGN KEY (group_id) REFERENCES security_group (id),
    CONSTRAINT fk_security_group_rule_remote FOREIGN KEY (remote_group_id) REFERENCES security_group (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A VM NIC in a group (nic_id: the vm feature's NIC id; ip: its address, fixed for the NIC's life, which peer-group
-- rules of other NICs admit).
CREATE TABLE security_group_member (
    id          CHAR(36)     NOT NULL,
    group_id    CHAR(36)     NOT NULL,
    nic_id      CHAR(36)     NOT NULL,
    vm_id       CHAR(36)     NOT NULL,
    ip          VARCHAR(15)  NOT NULL,
    created_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_security_group_member (group_id, nic_id),
    KEY idx_security_group_member_nic (nic_id),
    KEY idx_security_group_member_vm (vm_id),
    CONSTRAINT fk_security_group_member_group FOREIGN KEY (group_id) REFERENCES security_group (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The simulator keeps the firewall of a NIC filter (JSON of io.nubis.driver.NicFirewall; null: none).
ALTER TABLE sim_nic_filter ADD COLUMN firewall TEXT NULL;
