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

    /**
     * libvirt domain type of the VMs Nubis defines: {@code qemu} (TCG emulation, no hardware virtualisation; what the
     * test hosts run) or {@code kvm} (hardware virtualisation through /dev/kvm: production KVM hosts set
     * {@code nubis.kvm.domain-type=kvm}).
     */
    @WithDefault("qemu")
    String domainType();

    /** Time {@code virsh start} of a VM may take (qemu allocating guest memory can be slow on a loaded host). */
    @WithDefault("120s")
    Duration vmStartTimeout();

    /** Time {@code virsh destroy} of a VM may take (qemu must exit and release its memory). */
    @WithDefault("60s")
    Duration vmDestroyTimeout();

    /**
     * Time a guest gets to act on an ACPI reboot request (its reset must happen within it) before the VM is reset hard.
     * Guests that shut down slowly need more; guests without ACPI support (the test guest) always get reset.
     */
    @WithDefault("20s")
    Duration vmRebootGrace();

    /**
     * Time a running guest gets to release a detached data disk (ACPI hot-unplug) before the detach is reported as
     * failed; guests without ACPI support (the test guest) never release it.
     */
    @WithDefault("20s")
    Duration diskDetachTimeout();

    /** How often a VM's state is polled while waiting for its guest to shut down. */
    @WithDefault("500ms")
    Duration vmStatePollInterval();
}
