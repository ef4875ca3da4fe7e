-- iSCSI primary storage (issue 12): primary_storage.server holds the portal (host[:port]), path the target's IQN.
-- Every volume is one whole LUN; hosts find the target's LUNs when the storage is prepared on them, and a volume row
-- takes the smallest free LUN of at least its size in the transaction that inserts it (volume_id set), giving it back
-- in the transaction that deletes it. A LUN that vanished from the target while free is forgotten; one holding a
-- volume stays (missing = 1) until the volume is deleted.
CREATE TABLE iscsi_lun (
    primary_storage_id CHAR(36)    NOT NULL,
    lun                INT         NOT NULL,
    size_bytes         BIGINT      NOT NULL,
    volume_id          CHAR(36)    NULL,
    missing            TINYINT(1)  NOT NULL DEFAULT 0,
    updated_at         DATETIME(3) NOT NULL,
    PRIMARY KEY (primary_storage_id, lun),
    UNIQUE KEY uq_iscsi_lun_volume (volume_id),
    KEY idx_iscsi_lun_free (primary_storage_id, volume_id, size_bytes),
    CONSTRAINT fk_iscsi_lun_ps FOREIGN KEY (primary_storage_id) REFERENCES primary_storage (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
