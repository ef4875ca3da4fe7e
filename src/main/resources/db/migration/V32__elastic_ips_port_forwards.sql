-- Issue 10: elastic IPs and port forwarding of private networks' routers (docs/networking.md).

-- An address of a public network held by an account for one of its private networks (an IP allocation of the public
-- network, owner type eip, owner id = this id), bound 1:1 to a VM NIC address of that network or to nothing.
CREATE TABLE elastic_ip (
    id            CHAR(36)     NOT NULL,
    account_id    CHAR(36)     NOT NULL,
    l3_id         CHAR(36)     NOT NULL,
    public_l3_id  CHAR(36)     NOT NULL,
    ip            VARCHAR(15)  NOT NULL,
    private_ip    VARCHAR(15),
    created_at    DATETIME(3)  NOT NULL,
    updated_at    DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_elastic_ip_ip (public_l3_id, ip),
    UNIQUE KEY uk_elastic_ip_private (l3_id, private_ip),
    KEY idx_elastic_ip_account (account_id),
    CONSTRAINT fk_elastic_ip_l3 FOREIGN KEY (l3_id) REFERENCES l3_network (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Connections to the router's public address on public_start..public_end (protocol tcp or udp) go to private_ip on
-- private_start.. of the same network. Ranges of one network and protocol never overlap (checked under the network's
-- row lock).
CREATE TABLE port_forward (
    id             CHAR(36)     NOT NULL,
    account_id     CHAR(36)     NOT NULL,
    l3_id          CHAR(36)     NOT NULL,
    protocol       VARCHAR(3)   NOT NULL,
    public_start   INT          NOT NULL,
    public_end     INT          NOT NULL,
    private_ip     VARCHAR(15)  NOT NULL,
    private_start  INT          NOT NULL,
    created_at     DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    KEY idx_port_forward_l3 (l3_id, protocol, public_start),
    CONSTRAINT fk_port_forward_l3 FOREIGN KEY (l3_id) REFERENCES l3_network (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
