package io.nubis.storage;

/** Whether Nubis can reach a backup storage. */
public enum BackupStorageStatus {
    Connecting, Connected, Disconnected
}
