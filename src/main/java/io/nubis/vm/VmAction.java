package io.nubis.vm;

import java.util.EnumSet;
import java.util.Set;

/**
 * What can be done to an existing VM, and from which states: the one rule {@link VmService} enforces (409 otherwise)
 * and the portal follows when it offers buttons.
 */
public enum VmAction {

    STOP(EnumSet.of(VmState.Running, VmState.Unknown)), START(EnumSet.of(VmState.Stopped)), REBOOT(
            EnumSet.of(VmState.Running)), DESTROY(
                    EnumSet.of(VmState.Running, VmState.Stopped, VmState.Unknown, VmState.Error)),
    /** Grow the root disk (issue 8): a running guest sees it at once, a stopped one at its next boot. */
    RESIZE_ROOT(EnumSet.of(VmState.Running, VmState.Stopped)),
    /** Grow an attached data volume, running or stopped, like the root disk. */
    RESIZE_VOLUME(EnumSet.of(VmState.Running, VmState.Stopped)),
    /** Add, attach or detach a data volume: running (hot-plug) or stopped (issue 8). */
    CHANGE_VOLUMES(EnumSet.of(VmState.Running, VmState.Stopped)),
    /** Take, delete or copy a snapshot of one of its volumes: running (crash-consistent) or stopped (issue 8). */
    SNAPSHOT_VOLUME(EnumSet.of(VmState.Running, VmState.Stopped)),
    /** Insert an ISO into its CD-ROM drive or eject it: running or stopped (issue 8). */
    CHANGE_ISO(EnumSet.of(VmState.Running, VmState.Stopped)),
    /** Revert one of its volumes to a snapshot: stopped only. */
    REVERT_VOLUME(EnumSet.of(VmState.Stopped)),
    /** Move live to another host (issue 12, admins): running only. */
    MIGRATE(EnumSet.of(VmState.Running));

    private final Set<VmState> from;

    VmAction(Set<VmState> from) {
        this.from = from;
    }

    public boolean allowedIn(VmState state) {
        return from.contains(state);
    }
}
