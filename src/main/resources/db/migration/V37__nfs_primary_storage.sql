-- Issue 12: shared primary storage. NFS: the export's server (the export path is in `path`); one capacity for the
-- whole storage (what its file system has, less what Nubis reserved), shared by every host, instead of one
-- local_storage_host row per host (those rows stay, as each host's record of having been prepared).
ALTER TABLE primary_storage
    ADD COLUMN server          VARCHAR(255) NULL,
    ADD COLUMN total_bytes     BIGINT       NULL,
    ADD COLUMN available_bytes BIGINT       NULL;
