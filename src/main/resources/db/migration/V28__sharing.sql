-- Sharing (issue 9): admins share images, public L3 networks and offerings with every account (the resource's own
-- "shared" flag) or with chosen accounts (a row here per account). resource_type names the feature's kind.
CREATE TABLE resource_share (
    resource_type VARCHAR(32) NOT NULL,
    resource_id   CHAR(36)    NOT NULL,
    account_id    CHAR(36)    NOT NULL,
    PRIMARY KEY (resource_type, resource_id, account_id),
    KEY idx_resource_share_account (account_id, resource_type),
    CONSTRAINT fk_resource_share_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Offerings were visible to every account; they stay so until an admin chooses accounts.
ALTER TABLE instance_offering ADD COLUMN shared BOOLEAN NOT NULL DEFAULT TRUE AFTER state;
ALTER TABLE disk_offering ADD COLUMN shared BOOLEAN NOT NULL DEFAULT TRUE AFTER state;
