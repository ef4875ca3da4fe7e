package io.nubis.compute;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Host monitoring settings ({@code nubis.hosts.*}). */
@ConfigMapping(prefix = "nubis.hosts")
public interface HostsConfig {

    /** How often each host is pinged; a host that does not answer is Disconnected within about this long. */
    @WithDefault("30s")
    Duration pingInterval();

    /** Most hosts pinged at once by one management server. */
    @WithDefault("32")
    int pingConcurrency();
}
