package io.nubis.driver.simulator;

/**
 * A file of a simulated machine. Backup storage images keep their bytes (they are small, synthetic or uploaded by
 * tests); cached images and volumes keep only what a real driver would report.
 *
 * @param content the bytes, or null when only the metadata is simulated
 * @param sizeBytes file size
 * @param sha256 hex SHA-256 of the content
 * @param format raw, qcow2 or iso
 * @param virtualSizeBytes disk size a VM sees
 * @param backingFile backing file of a volume, or null
 */
record SimulatedFile(byte[] content, long sizeBytes, String sha256, String format, long virtualSizeBytes,
        String backingFile) {
}
