package io.nubis.network;

import io.nubis.compute.HostGuests;
import io.nubis.driver.DriverException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The network feature's answer to compute's {@link HostGuests}: routers never keep a host from maintenance; they move
 * to another host of their clusters first ({@link RouterService#evacuate}).
 */
@ApplicationScoped
public class RouterHostGuests implements HostGuests {

    @Inject
    RouterService routers;

    @Override
    public List<String> activeGuests(String hostId) {
        return List.of();
    }

    @Override
    public void stopGuests(String hostId) {
        // routers are moved, not stopped
    }

    @Override
    public void evacuate(String hostId) throws DriverException {
        routers.evacuate(hostId);
    }
}
