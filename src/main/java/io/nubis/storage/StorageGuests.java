package io.nubis.storage;

import java.util.List;

/**
 * What uses volumes, asked of the features that run guests on them (the VM feature implements it): a published face of
 * storage, so that storage never reads their tables. Primary storage maintenance (issue 12) uses it: the storage names
 * the guests its volumes belong to, the feature says which run and stops them.
 */
public interface StorageGuests {

    /** Names of those of the guests (by id) that run or may run: every live one but the stopped ones. */
    List<String> activeGuests(List<String> guestIds);

    /**
     * Stops the running ones of the guests the way their owner would (one stop job each, audited as the system) and
     * waits for those jobs. Guests busy with another operation are left for the caller's next check.
     *
     * @throws io.nubis.driver.DriverException naming the guests that could not be stopped
     */
    void stopGuests(List<String> guestIds) throws io.nubis.driver.DriverException;
}
