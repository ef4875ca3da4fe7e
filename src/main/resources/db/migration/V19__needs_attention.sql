-- Issue 7: a job whose clean-up did not finish (it ended Failed) is listed for administrators, with the error and
-- a retry of the clean-up. One row per job; a retry re-opens the same row.
CREATE TABLE attention_item (
    id            CHAR(36)      NOT NULL,
    job_id        CHAR(36)      NOT NULL,
    job_type      VARCHAR(64)   NOT NULL,
    resource_type VARCHAR(32)   NOT NULL,
    resource_id   CHAR(36)      NOT NULL,
    resource_name VARCHAR(255),
    account_id    CHAR(36)      NOT NULL,
    state         VARCHAR(16)   NOT NULL,
    error         VARCHAR(2048),
    retries       INT           NOT NULL DEFAULT 0,
    created_at    DATETIME(3)   NOT NULL,
    updated_at    DATETIME(3)   NOT NULL,
    closed_at     DATETIME(3),
    closed_by     VARCHAR(255),
    PRIMARY KEY (id),
    UNIQUE KEY uk_attention_job (job_id),
    KEY idx_attention_state (state, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
