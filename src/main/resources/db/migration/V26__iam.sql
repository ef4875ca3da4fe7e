-- IAM (issue 9): accounts can be disabled; users have a role in their account and can be disabled; groups of users
-- and policies (statements of Allow/Deny on actions and resources) attached to users and groups.
ALTER TABLE account ADD COLUMN state VARCHAR(16) NOT NULL DEFAULT 'Enabled' AFTER type;

-- OWNER: the account's own administrator (implicit allow-all on the account, manages its users, groups, policies);
-- MEMBER: only what policies allow. Users met first in Keycloak (put in an account group there) are owners.
ALTER TABLE iam_user ADD COLUMN role VARCHAR(16) NOT NULL DEFAULT 'OWNER' AFTER account_id;
ALTER TABLE iam_user ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE AFTER role;
ALTER TABLE iam_user ADD COLUMN email VARCHAR(255) AFTER username;

CREATE TABLE iam_group (
    id          CHAR(36)     NOT NULL,
    account_id  CHAR(36)     NOT NULL,
    name        VARCHAR(64)  NOT NULL,
    description VARCHAR(255),
    created_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_iam_group_name (account_id, name),
    CONSTRAINT fk_iam_group_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE iam_group_member (
    group_id    CHAR(36)     NOT NULL,
    user_id     CHAR(36)     NOT NULL,
    PRIMARY KEY (group_id, user_id),
    KEY idx_iam_group_member_user (user_id),
    CONSTRAINT fk_iam_group_member_group FOREIGN KEY (group_id) REFERENCES iam_group (id),
    CONSTRAINT fk_iam_group_member_user FOREIGN KEY (user_id) REFERENCES iam_user (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A policy's statements as JSON: [{"effect":"Allow|Deny","actions":["vm:*"],"resources":["*"|id...]}].
CREATE TABLE iam_policy (
    id          CHAR(36)     NOT NULL,
    account_id  CHAR(36)     NOT NULL,
    name        VARCHAR(64)  NOT NULL,
    description VARCHAR(255),
    statements  TEXT         NOT NULL,
    created_at  DATETIME(3)  NOT NULL,
    updated_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_iam_policy_name (account_id, name),
    CONSTRAINT fk_iam_policy_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- principal_type USER or GROUP; principal_id an iam_user or iam_group id of the policy's account.
CREATE TABLE iam_policy_attachment (
    policy_id      CHAR(36)    NOT NULL,
    principal_type VARCHAR(8)  NOT NULL,
    principal_id   CHAR(36)    NOT NULL,
    PRIMARY KEY (policy_id, principal_type, principal_id),
    KEY idx_iam_policy_attachment_principal (principal_id),
    CONSTRAINT fk_iam_policy_attachment_policy FOREIGN KEY (policy_id) REFERENCES iam_policy (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
