-- Exact comparison for what identifies an account or a user (issue 6): the Keycloak group /accounts/<name> names an
-- account, the token subject a user. Under utf8mb4_unicode_ci, a group "ADMIN" or "admin " named the admin account.
-- nopad_bin: byte-exact, trailing spaces included.
ALTER TABLE account MODIFY name VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL;
ALTER TABLE iam_user
    MODIFY subject VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
    MODIFY username VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL;
