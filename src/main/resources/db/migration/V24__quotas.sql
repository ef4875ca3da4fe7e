-- Quotas (issue 9): per account and kind, the most it may hold; scope 'default' holds the defaults an admin set for
-- accounts without their own. A missing row means no limit from that scope. Kinds are names (io.nubis.iam.QuotaKind),
-- so a new kind needs no migration.
CREATE TABLE quota_limit (
    scope       VARCHAR(36)  NOT NULL,
    kind        VARCHAR(32)  NOT NULL,
    max_value   BIGINT       NOT NULL,
    updated_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (scope, kind)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The vm feature's share: the volume capacity a VM being created will take (root and data volumes), counted against
-- its account's volume quota until its volumes exist (so that parallel creates cannot pass the quota together).
ALTER TABLE vm_instance ADD COLUMN planned_volume_bytes BIGINT NOT NULL DEFAULT 0 AFTER memory_mib;
