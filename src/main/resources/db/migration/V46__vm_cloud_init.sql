-- cloud-init data a tenant gave at VM create (issue 13): the config drive (NoCloud) is made from it on the host
CREATE TABLE vm_cloud_init (
    vm_id CHAR(36) NOT NULL PRIMARY KEY,
    hostname VARCHAR(63) NOT NULL,
    -- OpenSSH public keys, one per line
    ssh_keys TEXT NULL,
    user_data MEDIUMTEXT NULL,
    created_at DATETIME(6) NOT NULL,
    CONSTRAINT fk_vm_cloud_init_vm FOREIGN KEY (vm_id) REFERENCES vm_instance (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
