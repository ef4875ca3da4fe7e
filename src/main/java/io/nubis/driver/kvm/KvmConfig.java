package io.nubis.driver.kvm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the KVM driver ({@code nubis.kvm.*}). */
@ConfigMapping(prefix = "nubis.kvm")
public interface KvmConfig {

    /** Time allowed to open an SSH connection and log in. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** Default time a host command may run before it is abandoned (commands may ask for more). */
    @WithDefault("60s")
    Duration commandTimeout();

    /** Time a long storage command (image download, copy, checksum) may run. */
    @WithDefault("30m")
    Duration storageCommandTimeout();

    /** Most commands run at once on one host; further ones wait for a free slot. */
    @WithDefault("8")
    int maxConcurrentCommandsPerHost();

    /** An idle pooled SSH connection is closed after this long. */
    @WithDefault("5m")
    Duration idleTimeout();

    /** libvirt connection URI used on the hosts. */
    @WithDefault("qemu:///system")
    String libvirtUri();

    /** The qemu system emulator a host must have. */
    @WithDefault("qemu-system-x86_64")
    String qemuBinary();
}
