package io.nubis.compute;

import java.util.List;

/**
 * What runs on a host, asked of the features that place things there (the VM feature implements it): a published face
 * of compute, so that compute never reads their tables (issue 7, part 3).
 */
public interface HostGuests {

    /** Names of the guests on the host that are not destroyed (running, stopped or in a transition). */
    List<String> liveGuests(String hostId);
}
