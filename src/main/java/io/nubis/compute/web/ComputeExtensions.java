package io.nubis.compute.web;

import io.nubis.compute.HostView;
import io.quarkus.qute.TemplateExtension;

/** Derived values the host templates show. */
@TemplateExtension
public class ComputeExtensions {

    private ComputeExtensions() {
    }

    static int cpuUsed(HostView h) {
        return Math.max(0, h.cpuTotal() - h.cpuAvailable());
    }

    static long memoryUsedMib(HostView h) {
        return Math.max(0, h.memoryTotalMib() - h.memoryAvailableMib());
    }
}
