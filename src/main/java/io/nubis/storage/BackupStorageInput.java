package io.nubis.storage;

import java.util.List;

/**
 * Fields of a backup storage. SFTP needs an SSH user and a password or private key; Simulator needs neither. The root
 * path is an absolute directory on the server; Nubis keeps images under {@code <rootPath>/images}.
 * {@code importFolders}: where admins may import images from by path ({@link ImportFolders}); optional. Type
 * {@code Ceph} (issue 12): images live in {@code pool} of the cluster of {@code monitors}, reached as {@code cephUser}
 * with {@code cephKey}; the SSH login names the gateway that runs the rbd commands (a machine with ceph-common and
 * qemu-utils, e.g. a monitor node) and {@code rootPath} is not asked (import folders are folders of the gateway).
 */
public record BackupStorageInput(String name, String description, String type, String address, Integer port,
        String username, String password, String privateKey, String rootPath, List<String> importFolders,
        String monitors, String pool, String cephUser, String cephKey) {

    public BackupStorageInput(String name, String description, String type, String address, Integer port,
            String username, String password, String privateKey, String rootPath, List<String> importFolders) {
        this(name, description, type, address, port, username, password, privateKey, rootPath, importFolders, null,
                null, null, null);
    }

    @Override
    public String toString() {
        return "BackupStorageInput[name=" + name + ", type=" + type + ", address=" + address + ", port=" + port
                + ", username=" + username + ", password=" + (password == null ? "none" : "***") + ", privateKey="
                + (privateKey == null ? "none" : "***") + ", rootPath=" + rootPath + ", importFolders=" + importFolders
                + ", monitors=" + monitors + ", pool=" + pool + ", cephUser=" + cephUser + ", cephKey="
                + (cephKey == null ? "none" : "***") + "]";
    }
}
