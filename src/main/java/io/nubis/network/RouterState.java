package io.nubis.network;

/** Where a virtual router is in its life. */
public enum RouterState {
    /** Recorded with its host, being set up there for the first time. */
    Creating,
    /** Set up as its network says; the reconciler keeps it so. */
    Running,
    /** The last attempt to set it up failed ({@code lastError}); the reconciler tries again. */
    Error,
    /** Its network is gone: the reconciler removes it from its host, then the row. */
    Deleting
}
