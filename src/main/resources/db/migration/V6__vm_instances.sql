-- VM instances and their NICs. A VM keeps its host (and the host capacity it reserved) while it exists, running or
-- stopped; destroying it returns the capacity, its IPs and its volumes.
CREATE TABLE vm_instance (
    id              CHAR(36)      NOT NULL,
    name            VARCHAR(64)   NOT NULL,
    description     VARCHAR(255),
    account_id      CHAR(36)      NOT NULL,
    zone_id         CHAR(36),
    cluster_id      CHAR(36),
    host_id         CHAR(36),
    offering_id     CHAR(36)      NOT NULL,
    image_id        CHAR(36)      NOT NULL,
    cpus            INT           NOT NULL,
    memory_mib      BIGINT        NOT NULL,
    root_volume_id  CHAR(36),
    state           VARCHAR(16)   NOT NULL,
    state_reason    VARCHAR(1024),
    created_at      DATETIME(3)   NOT NULL,
    updated_at      DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    KEY idx_vm_account (account_id, state),
    KEY idx_vm_host (host_id),
    KEY idx_vm_state (state)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE vm_nic (
    id           CHAR(36)     NOT NULL,
    vm_id        CHAR(36)     NOT NULL,
    l3_id        CHAR(36)     NOT NULL,
    device_index INT          NOT NULL,
    mac          CHAR(17)     NOT NULL,
    ip           VARCHAR(45),
    created_at   DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_vm_nic_mac (mac),
    UNIQUE KEY uk_vm_nic_device (vm_id, device_index),
    KEY idx_vm_nic_l3 (l3_id),
    CONSTRAINT fk_vm_nic_vm FOREIGN KEY (vm_id) REFERENCES vm_instance (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
