/**
 * Admin pages for the compute inventory: zones, clusters, hosts and the dashboard. Thin controllers: they take the
 * caller from {@link io.nubis.iam.CallerResolver}, call a compute service and render a Qute template or redirect. They
 * use services and their view and input records only, never entities (ArchitectureTest).
 */
package io.nubis.compute.web;
