-- Disk offerings (issue 8): the sizes tenants pick for data volumes (and, later, blank root disks of ISO VMs).
-- Owned by the admin account; tenants see the Enabled ones. Size in GiB, 1 GiB to 64 TiB.
CREATE TABLE disk_offering (
    id          CHAR(36)     NOT NULL,
    name        VARCHAR(64)  NOT NULL,
    description VARCHAR(255),
    size_gib    INT          NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    account_id  CHAR(36)     NOT NULL,
    created_at  DATETIME(3)  NOT NULL,
    updated_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_disk_offering_name (name),
    CONSTRAINT ck_disk_offering_size CHECK (size_gib BETWEEN 1 AND 65536)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
