package io.nubis.network;

/** Admin-controlled state of an L3 network: Disabled ones keep their NICs but take no new ones. */
public enum NetworkState {
    Enabled, Disabled
}
