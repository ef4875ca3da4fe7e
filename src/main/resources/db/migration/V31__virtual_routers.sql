-- Issue 10: virtual routers of private networks (docs/networking.md).

-- The public network a pool's private networks reach the outside through (their routers' second leg, SNAT, elastic
-- IPs); NULL: the pool's networks get no router (isolated networks: DHCP only, the gateway answers nothing).
ALTER TABLE vni_pool ADD COLUMN public_l3_id CHAR(36) NULL AFTER vni_end,
    ADD CONSTRAINT fk_vni_pool_public_l3 FOREIGN KEY (public_l3_id) REFERENCES l3_network (id);

-- The router of a private network: where it runs and its public address (an IP allocation of the public network,
-- owner type router, owner id = this row's id). Written (Creating, host chosen) before anything happens on the host.
CREATE TABLE virtual_router (
    id            CHAR(36)     NOT NULL,
    l3_id         CHAR(36)     NOT NULL,
    public_l3_id  CHAR(36)     NOT NULL,
    host_id       CHAR(36),
    public_ip     VARCHAR(15),
    state         VARCHAR(16)  NOT NULL,
    last_error    VARCHAR(1000),
    created_at    DATETIME(3)  NOT NULL,
    updated_at    DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_virtual_router_l3 (l3_id),
    KEY idx_virtual_router_host (host_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The simulator's routers: the last spec pushed per host and private network.
CREATE TABLE sim_router (
    address        VARCHAR(255)  NOT NULL,
    l3_network_id  VARCHAR(64)   NOT NULL,
    spec           MEDIUMTEXT    NOT NULL,
    PRIMARY KEY (address, l3_network_id),
    CONSTRAINT fk_sim_router_machine FOREIGN KEY (address) REFERENCES sim_machine (address) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
