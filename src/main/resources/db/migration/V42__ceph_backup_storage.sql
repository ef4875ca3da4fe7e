-- Issue 12: Ceph backup storage. Images live in a pool (root_path is its rbd:// location); the gateway that runs the
-- rbd commands is reached with the SSH login columns; the cephx key is sealed like the SSH secrets, never shown.
ALTER TABLE backup_storage
    ADD COLUMN ceph_secret_sealed VARCHAR(1024) NULL;
