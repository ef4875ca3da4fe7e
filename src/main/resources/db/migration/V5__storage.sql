-- Deleting a zone, cluster or host removes the storage records that belong to it (cascades below) so compute deletions
-- never trip over them; files on hosts stay where they are.
-- Storage: backup storage (image stores), images, local primary storage with per-host capacity, the per-host image
-- cache and volumes. Backup storage is zone-independent (any zone's hosts copy images from it through the management
-- server); primary storage belongs to a zone and is attached to clusters of that zone.

CREATE TABLE backup_storage (
    id                   CHAR(36)      NOT NULL,
    name                 VARCHAR(64)   NOT NULL,
    description          VARCHAR(255),
    type                 VARCHAR(16)   NOT NULL,
    address              VARCHAR(255)  NOT NULL,
    port                 INT           NOT NULL DEFAULT 22,
    username             VARCHAR(64),
    ssh_password_enc     VARCHAR(1024),
    ssh_private_key_enc  TEXT,
    host_key_fingerprint VARCHAR(128),
    presented_host_key   VARCHAR(128),
    root_path            VARCHAR(255)  NOT NULL,
    status               VARCHAR(16)   NOT NULL,
    status_reason        VARCHAR(1024),
    total_bytes          BIGINT        NOT NULL DEFAULT 0,
    available_bytes      BIGINT        NOT NULL DEFAULT 0,
    connected_at         DATETIME(3),
    account_id           CHAR(36)      NOT NULL,
    created_at           DATETIME(3)   NOT NULL,
    updated_at           DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_backup_storage_name (name),
    UNIQUE KEY uk_backup_storage_location (address, port, root_path)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE image (
    id                 CHAR(36)      NOT NULL,
    name               VARCHAR(64)   NOT NULL,
    description        VARCHAR(255),
    format             VARCHAR(8)    NOT NULL,
    status             VARCHAR(16)   NOT NULL,
    status_reason      VARCHAR(1024),
    backup_storage_id  CHAR(36)      NOT NULL,
    path               VARCHAR(512)  NOT NULL,
    source_url         VARCHAR(1024),
    size_bytes         BIGINT        NOT NULL DEFAULT 0,
    virtual_size_bytes BIGINT        NOT NULL DEFAULT 0,
    sha256             CHAR(64),
    shared             BOOLEAN       NOT NULL DEFAULT FALSE,
    account_id         CHAR(36)      NOT NULL,
    created_at         DATETIME(3)   NOT NULL,
    updated_at         DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_image_account_name (account_id, name),
    KEY idx_image_shared (shared, status),
    KEY idx_image_bs (backup_storage_id),
    CONSTRAINT fk_image_bs FOREIGN KEY (backup_storage_id) REFERENCES backup_storage (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE primary_storage (
    id          CHAR(36)      NOT NULL,
    zone_id     CHAR(36)      NOT NULL,
    name        VARCHAR(64)   NOT NULL,
    description VARCHAR(255),
    type        VARCHAR(16)   NOT NULL,
    path        VARCHAR(255)  NOT NULL,
    account_id  CHAR(36)      NOT NULL,
    created_at  DATETIME(3)   NOT NULL,
    updated_at  DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_primary_storage_zone_name (zone_id, name),
    CONSTRAINT fk_primary_storage_zone FOREIGN KEY (zone_id) REFERENCES zone (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A cluster uses at most one local primary storage (uk on cluster_id); status Attaching while the attach job runs.
CREATE TABLE primary_storage_cluster (
    primary_storage_id CHAR(36)    NOT NULL,
    cluster_id         CHAR(36)    NOT NULL,
    status             VARCHAR(16) NOT NULL,
    created_at         DATETIME(3) NOT NULL,
    PRIMARY KEY (primary_storage_id, cluster_id),
    UNIQUE KEY uk_ps_cluster_cluster (cluster_id),
    CONSTRAINT fk_ps_cluster_ps FOREIGN KEY (primary_storage_id) REFERENCES primary_storage (id) ON DELETE CASCADE,
    CONSTRAINT fk_ps_cluster_cluster FOREIGN KEY (cluster_id) REFERENCES cluster (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Capacity of a local primary storage on one host: total as the host's file system reports it, available = what Nubis
-- may still reserve (reservations subtract under a row lock and never go below zero).
CREATE TABLE local_storage_host (
    primary_storage_id CHAR(36)    NOT NULL,
    host_id            CHAR(36)    NOT NULL,
    total_bytes        BIGINT      NOT NULL,
    available_bytes    BIGINT      NOT NULL,
    prepared_at        DATETIME(3) NOT NULL,
    updated_at         DATETIME(3) NOT NULL,
    PRIMARY KEY (primary_storage_id, host_id),
    KEY idx_local_storage_host (host_id),
    CONSTRAINT fk_lsh_ps FOREIGN KEY (primary_storage_id) REFERENCES primary_storage (id) ON DELETE CASCADE,
    CONSTRAINT fk_lsh_host FOREIGN KEY (host_id) REFERENCES host (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One cached copy of an image per (primary storage, host). The row is inserted and locked by the one caller that
-- copies; concurrent callers wait on the unique key and then find it Ready.
CREATE TABLE image_cache (
    id                 CHAR(36)      NOT NULL,
    primary_storage_id CHAR(36)      NOT NULL,
    host_id            CHAR(36)      NOT NULL,
    image_id           CHAR(36)      NOT NULL,
    path               VARCHAR(512)  NOT NULL,
    status             VARCHAR(16)   NOT NULL,
    size_bytes         BIGINT        NOT NULL DEFAULT 0,
    created_at         DATETIME(3)   NOT NULL,
    updated_at         DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_image_cache (primary_storage_id, host_id, image_id),
    KEY idx_image_cache_image (image_id),
    CONSTRAINT fk_image_cache_image FOREIGN KEY (image_id) REFERENCES image (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE volume (
    id                 CHAR(36)      NOT NULL,
    name               VARCHAR(64)   NOT NULL,
    type               VARCHAR(8)    NOT NULL,
    status             VARCHAR(16)   NOT NULL,
    account_id         CHAR(36)      NOT NULL,
    vm_id              CHAR(36),
    primary_storage_id CHAR(36)      NOT NULL,
    host_id            CHAR(36)      NOT NULL,
    image_id           CHAR(36),
    path               VARCHAR(512)  NOT NULL,
    size_bytes         BIGINT        NOT NULL,
    created_at         DATETIME(3)   NOT NULL,
    updated_at         DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    KEY idx_volume_account (account_id),
    KEY idx_volume_vm (vm_id),
    KEY idx_volume_image (image_id),
    KEY idx_volume_ps_host (primary_storage_id, host_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
