-- SSH credentials of hosts, encrypted by the server (io.nubis.platform.SecretBox, AES-256-GCM), and the SSH host key
-- Nubis trusts for each host: pinned on first connect; a different key is refused and kept as "presented" until an
-- admin accepts it.
ALTER TABLE host
    ADD COLUMN ssh_password_enc       VARCHAR(1024) NULL AFTER username,
    ADD COLUMN ssh_private_key_enc    TEXT          NULL AFTER ssh_password_enc,
    ADD COLUMN host_key_fingerprint   VARCHAR(128)  NULL AFTER ssh_private_key_enc,
    ADD COLUMN presented_host_key     VARCHAR(128)  NULL AFTER host_key_fingerprint;
