package io.nubis.vm;

/**
 * A request to grow a stopped VM's root disk to {@code sizeGib} GiB (boxed: a missing size is reported as required).
 */
public record RootResizeInput(Integer sizeGib) {
}
