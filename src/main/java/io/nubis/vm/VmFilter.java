package io.nubis.vm;

/** Optional filters of the VM list. Destroyed VMs are hidden unless {@code state} asks for them. */
public record VmFilter(VmState state, String q, String hostId) {

    public static VmFilter none() {
        return new VmFilter(null, null, null);
    }
}
