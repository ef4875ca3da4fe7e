-- Issue 10: the bridges (and VXLAN devices) of deleted private networks still to be removed from hosts. Written in the
-- transaction that deletes the network; the router reconciler removes them from every Connected host of the clusters
-- and deletes the row once no host of those clusters is left out (docs/networking.md).
CREATE TABLE segment_cleanup (
    id           CHAR(36)      NOT NULL,
    bridge_name  VARCHAR(15)   NOT NULL,
    vni          INT,
    cluster_ids  VARCHAR(2000) NOT NULL,
    created_at   DATETIME(3)   NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
