-- Backup storage attached to zones (issue 12): a store attached to no zone serves every zone (as before this table);
-- attached to some, it serves only those: VMs of other zones cannot be made from its images.
CREATE TABLE backup_storage_zone (
    backup_storage_id CHAR(36)    NOT NULL,
    zone_id           CHAR(36)    NOT NULL,
    created_at        DATETIME(3) NOT NULL,
    PRIMARY KEY (backup_storage_id, zone_id),
    KEY idx_backup_storage_zone (zone_id),
    CONSTRAINT fk_bsz_bs FOREIGN KEY (backup_storage_id) REFERENCES backup_storage (id) ON DELETE CASCADE,
    CONSTRAINT fk_bsz_zone FOREIGN KEY (zone_id) REFERENCES zone (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
