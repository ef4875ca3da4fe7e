package io.nubis.driver.simulator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the simulator driver ({@code nubis.simulator.*}). */
@ConfigMapping(prefix = "nubis.simulator")
public interface SimulatorConfig {

    /** Logical CPUs a simulated host reports unless a test defines it otherwise. */
    @WithDefault("32")
    int cpus();

    /** Memory (MiB) a simulated host reports unless a test defines it otherwise. */
    @WithDefault("131072")
    long memoryMib();

    /** Size (bytes) of the file system holding storage on a simulated host or backup storage. */
    @WithDefault("1099511627776")
    long storageBytes();

    /** How many LUNs (numbered from 1) every simulated iSCSI target offers (issue 12). */
    @WithDefault("16")
    int iscsiLuns();

    /** The size of each simulated iSCSI LUN. */
    @WithDefault("21474836480")
    long iscsiLunBytes();

    /** Time every simulated host call takes, to make progress visible and races realistic. */
    @WithDefault("50ms")
    Duration latency();
}
