package io.nubis.job;

/**
 * Where an entry of the needs-attention list is: Open (the clean-up did not finish), Retrying (an admin retried it and
 * the job is rolling back again), Resolved (a retry cleaned up), Dismissed (an admin cleaned up by hand and closed it).
 */
public enum AttentionState {

    Open, Retrying, Resolved, Dismissed;

    public boolean closed() {
        return this == Resolved || this == Dismissed;
    }
}
