-- Copies of an image on other backup storage (issue 12): the image's own file stays where it was imported
-- (image.backup_storage_id, image.path); each copy is a byte-identical file (same SHA-256) on another store, written
-- by an image.copy job. The row is inserted (Copying) before the copy is written, so a rollback finds the file; Ready
-- once the copy's checksum matched. A store holding copies cannot be deleted.
CREATE TABLE image_copy (
    image_id          CHAR(36)    NOT NULL,
    backup_storage_id CHAR(36)    NOT NULL,
    path              VARCHAR(512) NOT NULL,
    status            VARCHAR(16) NOT NULL,
    created_at        DATETIME(3) NOT NULL,
    updated_at        DATETIME(3) NOT NULL,
    PRIMARY KEY (image_id, backup_storage_id),
    KEY idx_image_copy_bs (backup_storage_id),
    CONSTRAINT fk_image_copy_image FOREIGN KEY (image_id) REFERENCES image (id) ON DELETE CASCADE,
    CONSTRAINT fk_image_copy_bs FOREIGN KEY (backup_storage_id) REFERENCES backup_storage (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
