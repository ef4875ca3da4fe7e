package io.nubis.driver;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** The installed {@link VmDriver}s, by hypervisor type. */
@ApplicationScoped
public class VmDrivers {

    private final DriverRegistry<VmDriver> registry;

    @Inject
    public VmDrivers(@Any Instance<VmDriver> drivers) {
        this.registry = new DriverRegistry<>("VM driver", drivers, VmDriver::type);
    }

    public java.util.Optional<VmDriver> find(String type) {
        return registry.find(type);
    }

    public VmDriver get(String type) {
        return registry.get(type);
    }
}
