-- Nubis foundation: accounts and users, audit log, job engine, compute inventory.
-- Timestamps are DATETIME(3) in UTC (Hibernate writes UTC: quarkus.hibernate-orm.jdbc.timezone=UTC).
-- Runs on MySQL 8.0+ and MariaDB 10.6+ (SKIP LOCKED). A released migration is never edited: add V2, V3...

CREATE TABLE account (
    id          CHAR(36)     NOT NULL,
    name        VARCHAR(64)  NOT NULL,
    type        VARCHAR(16)  NOT NULL,
    description VARCHAR(255),
    created_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_account_name (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO account (id, name, type, description, created_at)
VALUES ('00000000-0000-0000-0000-000000000001', 'admin', 'ADMIN', 'Cloud administrators', UTC_TIMESTAMP(3));

CREATE TABLE iam_user (
    id           CHAR(36)     NOT NULL,
    subject      VARCHAR(64)  NOT NULL,
    username     VARCHAR(255) NOT NULL,
    account_id   CHAR(36)     NOT NULL,
    last_seen_at DATETIME(3),
    created_at   DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_iam_user_subject (subject),
    KEY idx_iam_user_account (account_id),
    CONSTRAINT fk_iam_user_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE audit_event (
    id                BIGINT        NOT NULL AUTO_INCREMENT,
    at                DATETIME(3)   NOT NULL,
    account_id        CHAR(36),
    account_name      VARCHAR(64),
    user_name         VARCHAR(255),
    action            VARCHAR(64)   NOT NULL,
    target_type       VARCHAR(32),
    target_id         CHAR(36),
    target_name       VARCHAR(255),
    target_account_id CHAR(36),
    result            VARCHAR(16)   NOT NULL,
    detail            VARCHAR(1024),
    job_id            CHAR(36),
    PRIMARY KEY (id),
    KEY idx_audit_account (account_id, id),
    KEY idx_audit_target_account (target_account_id, id),
    KEY idx_audit_target (target_id),
    KEY idx_audit_action (action, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE job (
    id                  CHAR(36)      NOT NULL,
    seq                 BIGINT        NOT NULL AUTO_INCREMENT,
    type                VARCHAR(64)   NOT NULL,
    resource_type       VARCHAR(32)   NOT NULL,
    resource_id         CHAR(36)      NOT NULL,
    resource_name       VARCHAR(255),
    account_id          CHAR(36)      NOT NULL,
    caller_account_id   CHAR(36),
    caller_account_name VARCHAR(64),
    user_id             CHAR(36),
    user_name           VARCHAR(255),
    caller_admin        BOOLEAN       NOT NULL DEFAULT FALSE,
    state               VARCHAR(16)   NOT NULL,
    step_name           VARCHAR(64),
    step_index          INT           NOT NULL DEFAULT 0,
    step_count          INT           NOT NULL DEFAULT 0,
    percent             INT           NOT NULL DEFAULT 0,
    error               VARCHAR(2048),
    params              TEXT,
    context             TEXT,
    lease_owner         VARCHAR(128),
    lease_until         DATETIME(3),
    attempts            INT           NOT NULL DEFAULT 0,
    created_at          DATETIME(3)   NOT NULL,
    started_at          DATETIME(3),
    finished_at         DATETIME(3),
    updated_at          DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_job_seq (seq),
    KEY idx_job_state_seq (state, seq),
    KEY idx_job_resource (resource_id, state, seq),
    KEY idx_job_account (account_id, seq),
    KEY idx_job_lease (state, lease_until)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE job_log (
    id      BIGINT       NOT NULL AUTO_INCREMENT,
    job_id  CHAR(36)     NOT NULL,
    at      DATETIME(3)  NOT NULL,
    level   VARCHAR(8)   NOT NULL,
    message TEXT         NOT NULL,
    PRIMARY KEY (id),
    KEY idx_job_log_job (job_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One running job per resource: the claiming worker inserts the resource's row, the finishing one deletes it.
CREATE TABLE resource_lock (
    resource_id CHAR(36)    NOT NULL,
    job_id      CHAR(36)    NOT NULL,
    locked_at   DATETIME(3) NOT NULL,
    PRIMARY KEY (resource_id),
    KEY idx_resource_lock_job (job_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE zone (
    id          CHAR(36)     NOT NULL,
    name        VARCHAR(64)  NOT NULL,
    description VARCHAR(255),
    state       VARCHAR(16)  NOT NULL,
    account_id  CHAR(36)     NOT NULL,
    created_at  DATETIME(3)  NOT NULL,
    updated_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_zone_name (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE cluster (
    id              CHAR(36)     NOT NULL,
    zone_id         CHAR(36)     NOT NULL,
    name            VARCHAR(64)  NOT NULL,
    description     VARCHAR(255),
    hypervisor_type VARCHAR(32)  NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    account_id      CHAR(36)     NOT NULL,
    created_at      DATETIME(3)  NOT NULL,
    updated_at      DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_cluster_zone_name (zone_id, name),
    CONSTRAINT fk_cluster_zone FOREIGN KEY (zone_id) REFERENCES zone (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE host (
    id                 CHAR(36)      NOT NULL,
    zone_id            CHAR(36)      NOT NULL,
    cluster_id         CHAR(36)      NOT NULL,
    name               VARCHAR(64)   NOT NULL,
    description        VARCHAR(255),
    address            VARCHAR(255)  NOT NULL,
    ssh_port           INT           NOT NULL DEFAULT 22,
    username           VARCHAR(64),
    driver_type        VARCHAR(32)   NOT NULL,
    state              VARCHAR(16)   NOT NULL,
    status             VARCHAR(16)   NOT NULL,
    status_reason      VARCHAR(1024),
    cpu_total          INT           NOT NULL DEFAULT 0,
    cpu_available      INT           NOT NULL DEFAULT 0,
    memory_total       BIGINT        NOT NULL DEFAULT 0,
    memory_available   BIGINT        NOT NULL DEFAULT 0,
    cpu_model          VARCHAR(255),
    hypervisor_version VARCHAR(64),
    os_version         VARCHAR(255),
    last_ping_at       DATETIME(3),
    next_ping_at       DATETIME(3),
    connected_at       DATETIME(3),
    account_id         CHAR(36)      NOT NULL,
    created_at         DATETIME(3)   NOT NULL,
    updated_at         DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_host_address (address),
    UNIQUE KEY uk_host_cluster_name (cluster_id, name),
    KEY idx_host_zone (zone_id),
    KEY idx_host_ping (next_ping_at),
    CONSTRAINT fk_host_cluster FOREIGN KEY (cluster_id) REFERENCES cluster (id),
    CONSTRAINT fk_host_zone FOREIGN KEY (zone_id) REFERENCES zone (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
