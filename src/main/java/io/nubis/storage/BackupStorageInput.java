package io.nubis.storage;

import java.util.List;

/**
 * Fields of a backup storage. SFTP needs an SSH user and a password or private key; Simulator needs neither. The root
 * path is an absolute directory on the server; Nubis keeps images under {@code <rootPath>/images}.
 * {@code importFolders}: where admins may import images from by path ({@link ImportFolders}); optional.
 */
public record BackupStorageInput(String name, String description, String type, String address, Integer port,
        String username, String password, String privateKey, String rootPath, List<String> importFolders) {

    @Override
    public String toString() {
        return "BackupStorageInput[name=" + name + ", type=" + type + ", address=" + address + ", port=" + port
                + ", username=" + username + ", password=" + (password == null ? "none" : "***") + ", privateKey="
                + (privateKey == null ? "none" : "***") + ", rootPath=" + rootPath + ", importFolders=" + importFolders
                + "]";
    }
}
