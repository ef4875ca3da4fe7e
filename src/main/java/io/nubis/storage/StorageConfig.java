package io.nubis.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the storage feature ({@code nubis.storage.*}). */
@ConfigMapping(prefix = "nubis.storage")
public interface StorageConfig {

    /**
     * Whether images may be registered from http(s) URLs (downloaded by the backup storage itself). Off in tests: they
     * import only local paths and never reach the internet.
     */
    @WithDefault("true")
    boolean httpImport();

    /** How long a VM creation waits for another one that is copying the same image into the same host's cache. */
    @WithDefault("30m")
    Duration cacheWait();
}
