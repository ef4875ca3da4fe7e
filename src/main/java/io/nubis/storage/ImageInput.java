package io.nubis.storage;

/**
 * Fields of an image registration. {@code url}: an absolute path on the backup storage ({@code /srv/x.qcow2} or
 * {@code file:///srv/x.qcow2}) or an http(s) URL the backup storage downloads (when enabled). {@code backupStorageId}
 * may be left out: Nubis then picks the connected store with the most space. Only admins may set {@code shared}.
 */
public record ImageInput(String name, String description, String format, String url, String backupStorageId,
        Boolean shared) {
}
