package io.nubis.storage.web;

import io.nubis.storage.BackupStorageInput;
import java.util.List;

/** The backup storage form as submitted; secrets are passed on but never rendered back. */
public record BackupStorageForm(String name, String description, String type, String address, String port,
        String username, String password, String privateKey, String rootPath, String importFolders, String monitors,
        String pool, String cephUser, String cephKey) {

    static BackupStorageForm empty() {
        return new BackupStorageForm("", "", "SFTP", "", "22", "root", null, null, "/var/lib/nubis-images",
                "", "", "", "", null);
    }

    boolean portIsNumber() {
        return port == null || port.isBlank() || port.trim().matches("^-?\\d{1,9}$");
    }

    BackupStorageInput input() {
        Integer p = port == null || port.isBlank() ? null : Integer.valueOf(port.trim());
        return new BackupStorageInput(name, description, type, address, p, username, password, privateKey, rootPath,
                lines(importFolders), monitors, pool, cephUser, cephKey);
    }

    /** The lines of a textarea, blank ones dropped. */
    static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return "BackupStorageForm[name=" + name + ", address=" + address + "]";
    }
}
