package io.nubis.network;

/** State of an L2 network's attachment to a cluster. */
public enum AttachmentState {
    /** An {@code l2.attach} job is creating the bridge on the cluster's hosts. */
    Attaching,
    /** The cluster's hosts may carry the L2 network. */
    Attached
}
