/**
 * Capacity history (issue 13): a sampler that asks compute, storage and network for their capacity figures (their
 * published {@code capacity(Caller)} faces) every minute, keeps them per minute, hour and day within bounded retention,
 * and serves the current figures and the history to the admin dashboard and {@code /v1/capacity}.
 */
package io.nubis.capacity;
