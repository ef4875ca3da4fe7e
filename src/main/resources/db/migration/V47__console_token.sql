-- one-time tokens for a VM's browser console (issue 13): only the SHA-256 of a token is kept
CREATE TABLE console_token (
    token_hash CHAR(64) NOT NULL PRIMARY KEY,
    vm_id CHAR(36) NOT NULL,
    account_id CHAR(36) NOT NULL,
    user_id VARCHAR(64) NULL,
    username VARCHAR(255) NULL,
    created_at DATETIME(6) NOT NULL,
    expires_at DATETIME(6) NOT NULL,
    used_at DATETIME(6) NULL,
    KEY idx_console_token_expires (expires_at),
    CONSTRAINT fk_console_token_vm FOREIGN KEY (vm_id) REFERENCES vm_instance (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
