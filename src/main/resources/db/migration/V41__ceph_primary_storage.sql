-- Issue 12: Ceph primary storage. `server` holds the monitors (host[:port], comma separated), `path` the pool;
-- the cephx user and its key, sealed like host credentials (platform SecretBox), never shown.
ALTER TABLE primary_storage
    MODIFY COLUMN server VARCHAR(600) NULL,
    ADD COLUMN ceph_user     VARCHAR(64)   NULL,
    ADD COLUMN secret_sealed VARCHAR(1024) NULL;
