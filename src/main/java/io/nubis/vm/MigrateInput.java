package io.nubis.vm;

/** A live migration's target (issue 12): a host of the VM's cluster. */
public record MigrateInput(String hostId) {
}
