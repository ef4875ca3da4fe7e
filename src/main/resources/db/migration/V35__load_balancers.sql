-- Issue 11: load balancers of private networks, run by the network's virtual router (haproxy; docs/networking.md).

-- A listener on the router's public address: protocol tcp or http, a port no port forward of the network has,
-- roundrobin or leastconn, a health check every check_seconds.
CREATE TABLE load_balancer (
    id             CHAR(36)     NOT NULL,
    account_id     CHAR(36)     NOT NULL,
    l3_id          CHAR(36)     NOT NULL,
    name           VARCHAR(64)  NOT NULL,
    protocol       VARCHAR(4)   NOT NULL,
    port           INT          NOT NULL,
    algorithm      VARCHAR(10)  NOT NULL,
    check_seconds  INT          NOT NULL,
    created_at     DATETIME(3)  NOT NULL,
    updated_at     DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_load_balancer_port (l3_id, port),
    UNIQUE KEY uk_load_balancer_name (l3_id, name),
    CONSTRAINT fk_load_balancer_l3 FOREIGN KEY (l3_id) REFERENCES l3_network (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A backend: a VM NIC address of the network, a port and a weight (1-256).
CREATE TABLE load_balancer_backend (
    id                CHAR(36)     NOT NULL,
    load_balancer_id  CHAR(36)     NOT NULL,
    ip                VARCHAR(15)  NOT NULL,
    port              INT          NOT NULL,
    weight            INT          NOT NULL,
    created_at        DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_load_balancer_backend (load_balancer_id, ip, port),
    CONSTRAINT fk_load_balancer_backend_lb FOREIGN KEY (load_balancer_id) REFERENCES load_balancer (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
