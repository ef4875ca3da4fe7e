package io.nubis.storage;

/**
 * Fields of a backup storage. SFTP needs an SSH user and a password or private key; Simulator needs neither. The root
 * path is an absolute directory on the server; Nubis keeps images under {@code <rootPath>/images}.
 */
public record BackupStorageInput(String name, String description, String type, String address, Integer port,
        String username, String password, String privateKey, String rootPath) {

    @Override
    public String toString() {
        return "BackupStorageInput[name=" + name + ", type=" + type + ", address=" + address + ", port=" + port
                + ", username=" + username + ", password=" + (password == null ? "none" : "***") + ", privateKey="
                + (privateKey == null ? "none" : "***") + ", rootPath=" + rootPath + "]";
    }
}
