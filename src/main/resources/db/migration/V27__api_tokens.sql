-- Personal API tokens (issue 9): a user's tokens for scripts. Only the SHA-256 of the token is kept (the token is
-- shown once); a revoked token's row is deleted, so it stops working at its next request.
CREATE TABLE api_token (
    id          CHAR(36)     NOT NULL,
    user_id     CHAR(36)     NOT NULL,
    name        VARCHAR(64)  NOT NULL,
    token_hash  CHAR(64)     NOT NULL,
    prefix      VARCHAR(16)  NOT NULL,
    expires_at  DATETIME(3)  NOT NULL,
    created_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_api_token_hash (token_hash),
    KEY idx_api_token_user (user_id),
    CONSTRAINT fk_api_token_user FOREIGN KEY (user_id) REFERENCES iam_user (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
