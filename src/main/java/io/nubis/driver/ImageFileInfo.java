package io.nubis.driver;

/**
 * An image file as inspected on the backup storage.
 *
 * @param format {@code raw}, {@code qcow2} or {@code iso} (qemu-img reports ISO files as raw; the driver recognises the
 *     ISO 9660 signature)
 * @param sizeBytes file size
 * @param virtualSizeBytes disk size a VM sees
 * @param sha256 hex SHA-256 of the file
 */
public record ImageFileInfo(String format, long sizeBytes, long virtualSizeBytes, String sha256) {
}
