package io.nubis.driver;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Registry of the installed {@link HostDriver}s, by type. */
@ApplicationScoped
public class HostDrivers {

    private final Map<String, HostDriver> byType;

    @Inject
    public HostDrivers(@Any Instance<HostDriver> drivers) {
        this.byType = drivers.stream()
                .collect(Collectors.toMap(HostDriver::type, Function.identity(), (a, b) -> a, TreeMap::new));
    }

    public Optional<HostDriver> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public HostDriver get(String type) {
        return find(type).orElseThrow(() -> new IllegalStateException("no host driver of type " + type));
    }

    /** The hypervisor types a cluster may name. */
    public Set<String> types() {
        return byType.keySet();
    }
}
