package io.nubis.driver;

/** What connecting to a backup storage reports: capacity in bytes and the SSH host key seen (or null). */
public record BackupStorageFacts(long totalBytes, long availableBytes, String hostKeyFingerprint) {
}
