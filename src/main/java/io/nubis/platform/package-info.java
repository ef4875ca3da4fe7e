/**
 * Cross-cutting pieces every feature uses: typed errors and their mapping to problem JSON and portal pages, validation,
 * pagination, ids and clocks, message lookup. Depends on nothing else in Nubis.
 */
package io.nubis.platform;
