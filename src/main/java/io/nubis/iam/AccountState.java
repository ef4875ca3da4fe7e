package io.nubis.iam;

/** A Disabled account's users can neither use the portal nor call the API; its VMs keep running. */
public enum AccountState {
    Enabled, Disabled
}
