package io.nubis.driver;

/**
 * How to reach a backup storage (an image store). For the SFTP type: an SSH server, a login and a root directory under
 * which Nubis keeps image files.
 *
 * @param id Nubis id of the backup storage
 * @param type backup storage type, e.g. {@code SFTP} or {@code Simulator}
 * @param address server address
 * @param port SSH port
 * @param username SSH user
 * @param credentials password/private key and the pinned host key
 * @param rootPath absolute directory holding the images; for Ceph the pool's {@code rbd://} location
 *     ({@link RbdLocation})
 * @param secret Ceph: the cephx key of the user in {@code rootPath}; null otherwise
 */
public record BackupStorageEndpoint(String id, String type, String address, int port, String username,
        HostCredentials credentials, String rootPath, String secret) {

    public BackupStorageEndpoint(String id, String type, String address, int port, String username,
            HostCredentials credentials, String rootPath) {
        this(id, type, address, port, username, credentials, rootPath, null);
    }

    @Override
    public String toString() {
        return "BackupStorageEndpoint[" + type + " " + address + ":" + port + " " + rootPath + "]";
    }
}
