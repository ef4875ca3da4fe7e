package io.nubis.compute;

import java.util.List;

/**
 * What runs on a host, asked of the features that place things there (the VM feature implements it): a published face
 * of compute, so that compute never reads their tables (issue 7, part 3).
 */
public interface HostGuests {

    /**
     * Names of the guests on the host that run or may run: every live guest but the stopped ones (and those whose
     * create could not be undone). A host with active guests does not go into maintenance.
     */
    List<String> activeGuests(String hostId);

    /**
     * Stops every running guest on the host the way its owner would (one stop job per guest, audited as the system),
     * and waits for those jobs. Guests busy with another operation are left for the caller's next check.
     *
     * @throws io.nubis.driver.DriverException naming the guests that could not be stopped
     */
    void stopGuests(String hostId) throws io.nubis.driver.DriverException;

    /**
     * Moves to other hosts what can move without its owner noticing more than a moment (virtual routers; VMs on shared
     * storage, live), before the host goes into maintenance. Nothing by default. What cannot move (no room elsewhere, a
     * failed migration) is left for the stop or drain step.
     *
     * @throws io.nubis.driver.DriverException naming what could not move (the host then does not go into maintenance)
     */
    default void evacuate(String hostId) throws io.nubis.driver.DriverException {
    }

    /**
     * Names of the active guests that {@link #evacuate} cannot move (issue 12: VMs whose disks only this host sees):
     * maintenance without stopping them is refused while there are any. By default every active guest.
     */
    default List<String> unmovableGuests(String hostId) {
        return activeGuests(hostId);
    }
}
