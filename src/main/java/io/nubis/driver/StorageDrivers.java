package io.nubis.driver;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Registry of the installed {@link StorageDriver}s, by hypervisor type (the host's driver type). */
@ApplicationScoped
public class StorageDrivers {

    private final Map<String, StorageDriver> byType;

    @Inject
    public StorageDrivers(@Any Instance<StorageDriver> drivers) {
        this.byType = drivers.stream()
                .collect(Collectors.toMap(StorageDriver::type, Function.identity(), (a, b) -> a, TreeMap::new));
    }

    public StorageDriver get(String type) throws DriverException {
        StorageDriver d = byType.get(type);
        if (d == null) {
            throw new DriverException("no storage driver for hypervisor type " + type + " is installed");
        }
        return d;
    }
}
