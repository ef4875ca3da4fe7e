-- Flat networking: L2 networks (a Linux bridge per host, optionally with a physical uplink), the clusters they are
-- attached to, L3 networks (an IPv4 subnet on an L2) with their IP ranges, and IPAM allocations.
-- IPv4 addresses are stored twice: as text for people and as an unsigned 32-bit value (BIGINT) for range arithmetic
-- and uniqueness. docs/networking.md describes the model.

CREATE TABLE l2_network (
    id                 CHAR(36)     NOT NULL,
    zone_id            CHAR(36)     NOT NULL,
    name               VARCHAR(64)  NOT NULL,
    description        VARCHAR(255),
    type               VARCHAR(16)  NOT NULL,
    physical_interface VARCHAR(15),
    bridge_name        VARCHAR(15)  NOT NULL,
    account_id         CHAR(36)     NOT NULL,
    created_at         DATETIME(3)  NOT NULL,
    updated_at         DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_l2_zone_name (zone_id, name),
    UNIQUE KEY uk_l2_zone_bridge (zone_id, bridge_name),
    CONSTRAINT fk_l2_zone FOREIGN KEY (zone_id) REFERENCES zone (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- An L2 network attached to a cluster: its bridge exists (or is created on demand) on the cluster's hosts.
-- Attaching: an l2.attach job is creating the bridge on the hosts. A deleted cluster loses its attachments.
CREATE TABLE l2_cluster (
    id          CHAR(36)    NOT NULL,
    l2_id       CHAR(36)    NOT NULL,
    cluster_id  CHAR(36)    NOT NULL,
    state       VARCHAR(16) NOT NULL,
    created_at  DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_l2_cluster (l2_id, cluster_id),
    KEY idx_l2_cluster_cluster (cluster_id),
    CONSTRAINT fk_l2_cluster_l2 FOREIGN KEY (l2_id) REFERENCES l2_network (id) ON DELETE CASCADE,
    CONSTRAINT fk_l2_cluster_cluster FOREIGN KEY (cluster_id) REFERENCES cluster (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE l3_network (
    id            CHAR(36)     NOT NULL,
    l2_id         CHAR(36)     NOT NULL,
    name          VARCHAR(64)  NOT NULL,
    description   VARCHAR(255),
    cidr          VARCHAR(18)  NOT NULL,
    network_value BIGINT       NOT NULL,
    prefix_length INT          NOT NULL,
    gateway       VARCHAR(15),
    dns_servers   VARCHAR(255),
    shared        BOOLEAN      NOT NULL DEFAULT FALSE,
    state         VARCHAR(16)  NOT NULL,
    account_id    CHAR(36)     NOT NULL,
    created_at    DATETIME(3)  NOT NULL,
    updated_at    DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_l3_l2_name (l2_id, name),
    KEY idx_l3_account (account_id),
    CONSTRAINT fk_l3_l2 FOREIGN KEY (l2_id) REFERENCES l2_network (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE ip_range (
    id          CHAR(36)    NOT NULL,
    l3_id       CHAR(36)    NOT NULL,
    start_ip    VARCHAR(15) NOT NULL,
    end_ip      VARCHAR(15) NOT NULL,
    start_value BIGINT      NOT NULL,
    end_value   BIGINT      NOT NULL,
    created_at  DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    KEY idx_ip_range_l3 (l3_id, start_value),
    CONSTRAINT fk_ip_range_l3 FOREIGN KEY (l3_id) REFERENCES l3_network (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One address of an L3 network held by one owner (a VM NIC, a host's DHCP server...). The unique keys make a double
-- allocation impossible: one owner holds at most one address per L3, an address and a MAC have at most one owner.
-- host_id binds an address to a host (DHCP server addresses): it goes when the host is removed from Nubis.
CREATE TABLE ip_allocation (
    id         CHAR(36)    NOT NULL,
    l3_id      CHAR(36)    NOT NULL,
    ip         VARCHAR(15) NOT NULL,
    ip_value   BIGINT      NOT NULL,
    owner_type VARCHAR(32) NOT NULL,
    owner_id   CHAR(36)    NOT NULL,
    mac        VARCHAR(17),
    hostname   VARCHAR(63),
    host_id    CHAR(36),
    created_at DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_ip_allocation_ip (l3_id, ip_value),
    UNIQUE KEY uk_ip_allocation_owner (l3_id, owner_id),
    UNIQUE KEY uk_ip_allocation_mac (l3_id, mac),
    KEY idx_ip_allocation_owner (owner_id),
    KEY idx_ip_allocation_host (host_id),
    CONSTRAINT fk_ip_allocation_l3 FOREIGN KEY (l3_id) REFERENCES l3_network (id),
    CONSTRAINT fk_ip_allocation_host FOREIGN KEY (host_id) REFERENCES host (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
