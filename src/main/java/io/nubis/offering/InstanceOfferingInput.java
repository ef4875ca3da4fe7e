package io.nubis.offering;

/**
 * Fields of an instance offering a client sets on create and update. Numbers are boxed so a missing one is reported as
 * required; the strategy is a string so an unknown one is a field error (default LeastUsed).
 */
public record InstanceOfferingInput(String name, String description, Integer cpus, Long memoryMib,
        String allocatorStrategy) {
}
