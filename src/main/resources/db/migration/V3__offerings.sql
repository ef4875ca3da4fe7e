-- Instance offerings: the CPU and memory sizes tenants pick when they create a VM, and how the host allocator
-- places such a VM. Owned by the admin account; tenants see the Enabled ones.
CREATE TABLE instance_offering (
    id                 CHAR(36)     NOT NULL,
    name               VARCHAR(64)  NOT NULL,
    description        VARCHAR(255),
    cpus               INT          NOT NULL,
    memory_mib         BIGINT       NOT NULL,
    allocator_strategy VARCHAR(32)  NOT NULL,
    state              VARCHAR(16)  NOT NULL,
    account_id         CHAR(36)     NOT NULL,
    created_at         DATETIME(3)  NOT NULL,
    updated_at         DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_instance_offering_name (name),
    CONSTRAINT ck_instance_offering_cpus CHECK (cpus BETWEEN 1 AND 128),
    CONSTRAINT ck_instance_offering_memory CHECK (memory_mib BETWEEN 64 AND 1048576)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
