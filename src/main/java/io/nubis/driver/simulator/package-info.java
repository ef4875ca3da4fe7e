/**
 * The simulator driver: simulated hosts and backup storage servers for dev mode, demos, the scale benchmark and tests
 * of the server's own logic (rollback, recovery, concurrency). It never replaces a test of the real KVM driver.
 *
 * <h2>Where the simulated world lives</h2> In the database, not in the server's memory: machines, files, VMs, bridges
 * and DHCP services are rows of the {@code sim_*} tables (migration V10), reached through the datasource
 * {@code simulator} with plain JDBC outside JTA ({@link io.nubis.driver.simulator.SimulatorDatabase}). So a restarted
 * management server, or a second one sharing the database, finds the simulated hosts as it would find real ones. Every
 * change is one atomic statement (upsert, conditional update, {@code INSERT ... SELECT}), never a read followed by a
 * write, so job workers on any number of servers can call at once. A call reads what it needs in one statement
 * ({@link io.nubis.driver.simulator.CallGate}): a VM create with the image cached costs the simulator 8 statements
 * (docs/performance.md). What stays in memory is this server's own: the configured latency, and the counts of calls and
 * statements it made.
 *
 * <h2>Semantics every driver keeps, as the simulator models them</h2> Like Nova's {@code fake.py}, this package
 * documents the behaviour a real driver must have; the KVM driver's tests check the same cases on real hosts.
 * <ul>
 * <li><b>Hosts keep their state.</b> Files, VMs (with their power state), bridges and DHCP services stay on a host
 * whatever happens to the management server; nothing a driver keeps in memory may matter (driver-contract rule 4).</li>
 * <li><b>Idempotent calls.</b> Connect re-reads the host's facts; ensuring a bridge or DHCP that exists, caching an
 * image that is cached (same SHA-256), creating a volume that exists as the same linked clone, creating and starting a
 * running VM, starting a running one, stopping a stopped one, destroying an unknown one and deleting a missing file all
 * succeed and change nothing.</li>
 * <li><b>Dependencies are real.</b> A volume is a linked clone and needs its backing file (the cached image) when it is
 * made ("backing file ... is missing"); DHCP needs its bridge; start, stop and reboot need a defined VM; reboot needs a
 * running one. A bad VM spec is refused before the host is touched.</li>
 * <li><b>A failed call changes nothing.</b> Imports land under {@code <path>.part} and are renamed only once their
 * format is checked; a failure removes the temporary file (a crash may leave it: deletes remove it too). A scripted
 * failure fails the call before it changes anything.</li>
 * <li><b>An unreachable machine fails every call</b> with a message naming it; disconnect never fails.</li>
 * <li><b>Things happen behind Nubis's back.</b> A VM may stop, pause or crash by itself
 * ({@link io.nubis.driver.simulator.SimulatorControl#killVm}, {@code setVmState}); list shows it as it is.</li>
 * </ul>
 *
 * <h2>Scripting</h2> Tests script and inspect the machines through {@link io.nubis.driver.simulator.SimulatorControl}:
 * capacity, storage size, reachability, failures of coming calls per machine and action ({@code failNext}: a queue on
 * the next calls not yet scripted; {@code failNth}: the nth call from now), and {@code resetMachine} for a freshly
 * installed machine. Scripts are rows too: they outlive a restart and count the calls of every server.
 *
 * <p>
 * May depend on {@code io.nubis.driver} and {@code io.nubis.platform} only.
 */
package io.nubis.driver.simulator;
