package io.nubis.driver;

import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** Implementations of one driver SPI, by type. Feature code picks the one matching a host's hypervisor type. */
public final class DriverRegistry<T> {

    private final String what;
    private final Map<String, T> byType = new TreeMap<>();

    public DriverRegistry(String what, Instance<T> drivers, Function<T, String> type) {
        this.what = what;
        drivers.forEach(d -> byType.putIfAbsent(type.apply(d), d));
    }

    public Optional<T> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public T get(String type) {
        return find(type).orElseThrow(() -> new IllegalStateException("no " + what + " of type " + type));
    }

    public Set<String> types() {
        return byType.keySet();
    }
}
