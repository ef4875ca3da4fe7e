package io.nubis.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the storage feature ({@code nubis.storage.*}). */
@ConfigMapping(prefix = "nubis.storage")
public interface StorageConfig {

    /**
     * Whether images may be registered from http(s) URLs (downloaded by the backup storage itself). Off in tests: they
     * import only local paths and never reach the internet.
     */
    @WithDefault("true")
    boolean httpImport();

    /**
     * Address blocks (CIDR) a URL import may reach although they are private or otherwise refused, e.g. an internal
     * image mirror ({@link ImportEgressPolicy}). Empty by default.
     */
    Optional<List<String>> importAllowedCidrs();

    /** Address blocks a URL import may never reach (e.g. the management network); wins over the allowed list. */
    Optional<List<String>> importDeniedCidrs();

    /** Largest image a URL import downloads, in bytes (default 64 GiB). */
    @WithDefault("68719476736")
    long importMaxBytes();

    /** Longest a URL import may take. */
    @WithDefault("4h")
    Duration importMaxTime();

    /** How long a VM creation waits for another one that is copying the same image into the same host's cache. */
    @WithDefault("30m")
    Duration cacheWait();
}
