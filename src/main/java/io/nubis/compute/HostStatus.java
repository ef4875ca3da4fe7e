package io.nubis.compute;

/**
 * Observed status of a host. Connecting: a connect job runs. Connected: the last ping answered. Disconnected: it did
 * not (Nubis retries by itself). Deleting: a delete job runs.
 */
public enum HostStatus {
    Connecting, Connected, Disconnected, Deleting
}
