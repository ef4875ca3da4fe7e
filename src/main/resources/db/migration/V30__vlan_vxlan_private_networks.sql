-- Issue 10: VLAN and VXLAN L2 networks, VNI pools and tenants' private L3 networks (docs/networking.md).

-- Vlan: an 802.1Q sub-interface <physical_interface>.<vlan_id> in the bridge. Vxlan: a VXLAN device with this VNI,
-- its VTEP on each host's management address. vni_pool_id: drawn from that pool for a private L3 network (owned by
-- the tenant's account, then).
ALTER TABLE l2_network
    ADD COLUMN vlan_id     INT      NULL AFTER physical_interface,
    ADD COLUMN vni         INT      NULL AFTER vlan_id,
    ADD COLUMN vni_pool_id CHAR(36) NULL AFTER vni,
    ADD UNIQUE KEY uk_l2_zone_vni (zone_id, vni),
    ADD UNIQUE KEY uk_l2_zone_uplink_vlan (zone_id, physical_interface, vlan_id);

-- VNIs tenants' private networks draw from: a range in a zone, and the clusters their networks reach. Ranges of one
-- zone do not overlap (checked by the service under the zone's pool lock).
CREATE TABLE vni_pool (
    id          CHAR(36)     NOT NULL,
    zone_id     CHAR(36)     NOT NULL,
    name        VARCHAR(64)  NOT NULL,
    description VARCHAR(255),
    vni_start   INT          NOT NULL,
    vni_end     INT          NOT NULL,
    created_at  DATETIME(3)  NOT NULL,
    updated_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_vni_pool_zone_name (zone_id, name),
    CONSTRAINT fk_vni_pool_zone FOREIGN KEY (zone_id) REFERENCES zone (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE vni_pool_cluster (
    pool_id    CHAR(36)    NOT NULL,
    cluster_id CHAR(36)    NOT NULL,
    created_at DATETIME(3) NOT NULL,
    PRIMARY KEY (pool_id, cluster_id),
    KEY idx_vni_pool_cluster_cluster (cluster_id),
    CONSTRAINT fk_vni_pool_cluster_pool FOREIGN KEY (pool_id) REFERENCES vni_pool (id) ON DELETE CASCADE,
    CONSTRAINT fk_vni_pool_cluster_cluster FOREIGN KEY (cluster_id) REFERENCES cluster (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE l2_network ADD CONSTRAINT fk_l2_vni_pool FOREIGN KEY (vni_pool_id) REFERENCES vni_pool (id);

-- Public: an admin's network (flat, shared or not). Private: a tenant's own network on a VXLAN L2 of its own.
ALTER TABLE l3_network ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'Public' AFTER shared;

-- The simulator keeps what a real host would: the VLAN sub-interface and the VXLAN device with its flood list.
ALTER TABLE sim_bridge
    ADD COLUMN vlan_id INT NULL,
    ADD COLUMN vni     INT NULL,
    ADD COLUMN vtep    VARCHAR(255) NULL,
    ADD COLUMN peers   TEXT NULL;
