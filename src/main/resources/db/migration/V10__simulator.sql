-- The simulator driver's world (io.nubis.driver.simulator): what its simulated hosts and backup storage servers hold,
-- kept outside the management server's memory so that a restarted server, or a second one, sees the same machines, as
-- it would see the same real hosts. Written only by the simulator, through its own datasource (no JTA: a simulated
-- host's files do not roll back with Nubis's transactions). Nubis's tables never refer to these, nor these to Nubis's:
-- like a real host, a simulated machine is known only by its address.
-- Text keys are binary (case-sensitive, like the files and names of a real host).

-- One machine (a host or a backup storage server), created with the configured defaults the first time a call or a
-- test names its address.
CREATE TABLE sim_machine (
    address         VARCHAR(255)  NOT NULL,
    cpus            INT           NOT NULL,
    memory_mib      BIGINT        NOT NULL,
    storage_bytes   BIGINT        NOT NULL,
    reachable       BOOLEAN       NOT NULL DEFAULT TRUE,
    connected       BOOLEAN       NOT NULL DEFAULT FALSE,
    image_copies    INT           NOT NULL DEFAULT 0,
    PRIMARY KEY (address)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Files: images on backup storage (with their bytes: the simulator is for small images), cached images and volumes on
-- hosts (metadata only). sha256 is '' for volumes.
CREATE TABLE sim_file (
    address             VARCHAR(255)  NOT NULL,
    path                VARCHAR(512)  NOT NULL,
    size_bytes          BIGINT        NOT NULL,
    sha256              VARCHAR(64)   NOT NULL,
    format              VARCHAR(8)    NOT NULL,
    virtual_size_bytes  BIGINT        NOT NULL,
    backing_file        VARCHAR(512),
    content             MEDIUMBLOB,
    PRIMARY KEY (address, path),
    CONSTRAINT fk_sim_file_machine FOREIGN KEY (address) REFERENCES sim_machine (address) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Defined VMs ("domains"): power state, how often the guest booted, and the spec (JSON) they were defined from.
CREATE TABLE sim_domain (
    address  VARCHAR(255)  NOT NULL,
    vm_id    CHAR(36)      NOT NULL,
    state    VARCHAR(16)   NOT NULL,
    boots    INT           NOT NULL,
    spec     TEXT          NOT NULL,
    PRIMARY KEY (address, vm_id),
    CONSTRAINT fk_sim_domain_machine FOREIGN KEY (address) REFERENCES sim_machine (address) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Linux bridges of a host (network driver).
CREATE TABLE sim_bridge (
    address             VARCHAR(255)  NOT NULL,
    name                VARCHAR(15)   NOT NULL,
    physical_interface  VARCHAR(64),
    PRIMARY KEY (address, name),
    CONSTRAINT fk_sim_bridge_machine FOREIGN KEY (address) REFERENCES sim_machine (address) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- DHCP services of a host, one per L3 network: the spec last pushed, leases included (JSON).
CREATE TABLE sim_dhcp (
    address        VARCHAR(255)  NOT NULL,
    l3_network_id  VARCHAR(64)   NOT NULL,
    spec           MEDIUMTEXT    NOT NULL,
    PRIMARY KEY (address, l3_network_id),
    CONSTRAINT fk_sim_dhcp_machine FOREIGN KEY (address) REFERENCES sim_machine (address) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Anti-spoofing filters of a host, one per VM NIC device (nb...): the MAC and IP the NIC may send from.
CREATE TABLE sim_nic_filter (
    address  VARCHAR(255)  NOT NULL,
    device   VARCHAR(15)   NOT NULL,
    nic_id   VARCHAR(64)   NOT NULL,
    mac      VARCHAR(17)   NOT NULL,
    ip       VARCHAR(15)   NOT NULL,
    PRIMARY KEY (address, device),
    CONSTRAINT fk_sim_nic_filter_machine FOREIGN KEY (address) REFERENCES sim_machine (address) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Scripted failures (test control, shared by every server): call number at_call of the action on the machine fails
-- with the message. Call numbers come from sim_call_count.
CREATE TABLE sim_script (
    address  VARCHAR(255)   NOT NULL,
    action   VARCHAR(32)    NOT NULL,
    at_call  BIGINT         NOT NULL,
    message  VARCHAR(2048)  NOT NULL,
    PRIMARY KEY (address, action, at_call),
    CONSTRAINT fk_sim_script_machine FOREIGN KEY (address) REFERENCES sim_machine (address) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Calls of an action on a machine, counted only while a failure is scripted for that action (so unscripted calls cost
-- no write); "the nth call from now" is the count now plus n.
CREATE TABLE sim_call_count (
    address  VARCHAR(255)  NOT NULL,
    action   VARCHAR(32)   NOT NULL,
    calls    BIGINT        NOT NULL,
    PRIMARY KEY (address, action),
    CONSTRAINT fk_sim_call_count_machine FOREIGN KEY (address) REFERENCES sim_machine (address) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
