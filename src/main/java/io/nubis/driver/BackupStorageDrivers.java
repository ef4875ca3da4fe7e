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

/** Registry of the installed {@link BackupStorageDriver}s, by backup storage type. */
@ApplicationScoped
public class BackupStorageDrivers {

    private final Map<String, BackupStorageDriver> byType;

    @Inject
    public BackupStorageDrivers(@Any Instance<BackupStorageDriver> drivers) {
        this.byType = drivers.stream().collect(
                Collectors.toMap(BackupStorageDriver::type, Function.identity(), (a, b) -> a, TreeMap::new));
    }

    public Optional<BackupStorageDriver> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public BackupStorageDriver get(String type) throws DriverException {
        BackupStorageDriver d = byType.get(type);
        if (d == null) {
            throw new DriverException("no backup storage driver of type " + type + " is installed");
        }
        return d;
    }

    /** The backup storage types an admin may choose. */
    public Set<String> types() {
        return byType.keySet();
    }
}
