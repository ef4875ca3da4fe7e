package io.nubis.storage;

import io.nubis.driver.BackupStorageEndpoint;
import io.nubis.driver.HostCredentials;
import io.nubis.platform.SecretBox;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/**
 * An image store. Zone-independent: hosts of any zone get images from it through the management server. Credentials are
 * sealed like a host's ({@link SecretBox}); the SSH host key is pinned on first connect.
 */
@Entity
@DynamicUpdate
@Table(name = "backup_storage")
public class BackupStorage extends PanacheEntityBase {

    @Id
    public String id;
    @Column(nullable = false)
    public String name;
    public String description;
    @Column(nullable = false)
    public String type;
    @Column(nullable = false)
    public String address;
    @Column(nullable = false)
    public int port;
    public String username;
    @Column(name = "ssh_password_enc")
    public String passwordSealed;
    @Column(name = "ssh_private_key_enc")
    public String privateKeySealed;
    @Column(name = "host_key_fingerprint")
    public String hostKeyFingerprint;
    @Column(name = "presented_host_key")
    public String presentedHostKey;
    @Column(name = "root_path", nullable = false)
    public String rootPath;
    /** Ceph: the cephx key of the user in {@link #rootPath}, sealed; never shown. */
    @Column(name = "ceph_secret_sealed")
    public String cephSecretSealed;
    /** Folders admins may import images from by path, one per line ({@link ImportFolders}); null: none. */
    @Column(name = "import_folders")
    public String importFolders;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BackupStorageStatus status;
    @Column(name = "status_reason")
    public String statusReason;
    @Column(name = "total_bytes", nullable = false)
    public long totalBytes;
    @Column(name = "available_bytes", nullable = false)
    public long availableBytes;
    @Column(name = "connected_at")
    public Instant connectedAt;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** How drivers reach this store, with its secrets opened. */
    public BackupStorageEndpoint endpoint(SecretBox secrets) {
        return new BackupStorageEndpoint(id, type, address, port, username,
                new HostCredentials(secrets.open(passwordSealed), secrets.open(privateKeySealed), hostKeyFingerprint),
                rootPath, secrets.open(cephSecretSealed));
    }
}
