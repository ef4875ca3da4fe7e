package io.nubis.driver;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Registry of the installed {@link NetworkDriver}s, by type (the same values as {@link HostDriver#type()}). */
@ApplicationScoped
public class NetworkDrivers {

    private final Map<String, NetworkDriver> byType;

    @Inject
    public NetworkDrivers(@Any Instance<NetworkDriver> drivers) {
        this.byType = drivers.stream()
                .collect(Collectors.toMap(NetworkDriver::type, Function.identity(), (a, b) -> a, TreeMap::new));
    }

    public Optional<NetworkDriver> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** The driver for hosts of {@code type}; DriverException when none is installed. */
    public NetworkDriver get(String type) throws DriverException {
        NetworkDriver d = byType.get(type);
        if (d == null) {
            throw new DriverException("no network driver for hosts of type " + type);
        }
        return d;
    }
}
