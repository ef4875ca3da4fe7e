package io.nubis.compute;

/** Admin-controlled state of a zone or cluster. Deleting: a cascade delete job is removing it. */
public enum ZoneState {
    Enabled, Disabled, Deleting
}
