package io.nubis.driver;

/** A volume file as the host sees it: path, format, virtual size and space used, in bytes. */
public record VolumeInfo(String path, String format, long virtualSizeBytes, long actualSizeBytes) {
}
