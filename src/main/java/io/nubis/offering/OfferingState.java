package io.nubis.offering;

/** Admin-controlled state of an offering: only Enabled ones are offered to tenants and accepted for new VMs. */
public enum OfferingState {
    Enabled, Disabled
}
