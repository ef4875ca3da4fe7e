-- Volume snapshots (issue 8): internal qcow2 snapshots, each tagged in its volume file with its id. They form a tree per
-- volume: a snapshot's parent is the one the volume was taken from or last reverted to (volume.current_snapshot_id).
-- size_bytes is the volume's virtual size when the snapshot was taken: what qemu may keep for it in the file, reserved
-- on the volume's host like the volume. A volume's snapshots go with it (FK cascade; its delete gives their space back).
CREATE TABLE volume_snapshot (
    id           CHAR(36)      NOT NULL,
    volume_id    CHAR(36)      NOT NULL,
    parent_id    CHAR(36)      NULL,
    account_id   CHAR(36)      NOT NULL,
    name         VARCHAR(64)   NOT NULL,
    description  VARCHAR(255)  NULL,
    status       VARCHAR(16)   NOT NULL,
    size_bytes   BIGINT        NOT NULL,
    created_at   DATETIME(3)   NOT NULL,
    updated_at   DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_volume_snapshot_name (volume_id, name),
    KEY idx_volume_snapshot_account (account_id),
    KEY idx_volume_snapshot_parent (parent_id),
    CONSTRAINT fk_volume_snapshot_volume FOREIGN KEY (volume_id) REFERENCES volume (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE volume ADD COLUMN current_snapshot_id CHAR(36) NULL AFTER size_bytes;

-- The simulator's snapshots (io.nubis.driver.simulator, see V10): per simulated file, each tag with the virtual size the
-- volume had when it was taken (the key stays within InnoDB's 3072 bytes: paths of volumes are short).
CREATE TABLE sim_snapshot (
    address             VARCHAR(255)  NOT NULL,
    path                VARCHAR(500)  NOT NULL,
    tag                 CHAR(36)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    virtual_size_bytes  BIGINT        NOT NULL,
    PRIMARY KEY (address, path, tag),
    CONSTRAINT fk_sim_snapshot_machine FOREIGN KEY (address) REFERENCES sim_machine (address) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
