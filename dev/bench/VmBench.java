import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scale benchmark of the Nubis control plane on the simulator driver (docs/performance.md). Run by `./nubis bench`
 * against a freshly started server; a single-file Java program (java VmBench.java ...) with no dependencies.
 *
 * Sets up, through the public API as admin: a zone, a Simulator cluster with H hosts, Local primary storage, a
 * Simulator backup storage with an image, a flat L2/L3 network with enough addresses, an offering. Then C concurrent
 * clients (as tenant alice) create N VMs in total (POST /v1/vm-instances), and the program waits until every VM is
 * Running. Prints total time, VMs/s, API latency p50/p99 of the create requests, and job durations. An optional sixth
 * argument W first creates and destroys W VMs the same way (a warm-up round, not measured).
 */
public class VmBench {

    static String base;
    static String keycloak;

    public static void main(String[] args) throws Exception {
        base = args[0];
        keycloak = args[1];
        int vms = Integer.parseInt(args[2]);
        int clients = Integer.parseInt(args[3]);
        int hosts = Integer.parseInt(args[4]);
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        // HTTP/1.1 with keep-alive like curl and most API clients: one connection per client thread, kept between its
        // requests (the JDK keeps only 5 idle ones per server unless told)
        System.setProperty("http.maxConnections", Integer.toString(Math.max(clients, 50) + 10));
        String admin = token("admin");
        String tenant = token("alice");

        long s0 = System.nanoTime();
        String zone = id(post(admin, "/v1/zones", json("name", "bench-zone")), 201);
        String cluster = id(post(admin, "/v1/clusters",
                json("zoneId", zone, "name", "bench-cluster", "hypervisorType", "Simulator")), 201);
        List<String> hostJobs = Collections.synchronizedList(new ArrayList<>());
        ExecutorService setup = Executors.newFixedThreadPool(Math.min(hosts, 50));
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < hosts; i++) {
            String address = "bench-host-" + i + ".sim";
            fs.add(setup.submit(() -> hostJobs.add(field(post(admin, "/v1/hosts",
                    json("clusterId", cluster, "address", address)), "jobId", 202))));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        setup.shutdown();
        for (String j : hostJobs) {
            awaitJob(admin, j);
        }
        String ps = id(post(admin, "/v1/primary-storage", json("zoneId", zone, "name", "bench-ps", "path",
                "/var/lib/nubis/bench")), 201);
        awaitJob(admin, field(post(admin, "/v1/primary-storage/" + ps + "/clusters", json("clusterId", cluster)),
                "jobId", 202));
        String bsJob = field(post(admin, "/v1/backup-storage", "{\"name\":\"bench-bs\",\"type\":\"Simulator\","
                + "\"address\":\"bench-bs.sim\",\"rootPath\":\"/srv/images\",\"importFolders\":[\"/data\"]}"),
                "jobId", 202);
        awaitJob(admin, bsJob);
        String bs = field(get(admin, "/v1/jobs/" + bsJob), "resourceId", 200);
        String imgJob = field(post(admin, "/v1/images", "{\"name\":\"bench-image\",\"format\":\"qcow2\",\"url\":"
                + "\"/data/bench.qcow2\",\"shared\":true,\"backupStorageId\":\"" + bs + "\"}"), "jobId", 202);
        awaitJob(admin, imgJob);
        String image = field(get(admin, "/v1/jobs/" + imgJob), "resourceId", 200);
        String l2 = id(post(admin, "/v1/l2-networks", json("zoneId", zone, "name", "bench-l2")), 201);
        awaitJob(admin, field(post(admin, "/v1/l2-networks/" + l2 + "/attach", json("clusterId", cluster)), "jobId",
                202));
        String l3 = id(post(admin, "/v1/l3-networks", "{\"l2Id\":\"" + l2 + "\",\"name\":\"bench-l3\",\"cidr\":"
                + "\"10.200.0.0/16\",\"gateway\":\"10.200.0.1\",\"shared\":true}"), 201);
        id(post(admin, "/v1/l3-networks/" + l3 + "/ip-ranges", json("startIp", "10.200.1.1", "endIp",
                "10.200.200.254")), 201);
        String offering = id(post(admin, "/v1/instance-offerings", "{\"name\":\"bench-tiny\",\"cpus\":1,"
                + "\"memoryMib\":256}"), 201);
        System.out.printf("setup: %d simulated hosts, storage, image, network, offering in %.1f s%n", hosts,
                (System.nanoTime() - s0) / 1e9);

        if ("lists".equals(System.getenv("NUBIS_BENCH_MODE"))) {
            // ./nubis bench-lists: N VMs in one round, then how fast lists and pages answer with them in the database
            long[] cpu0 = peerCpuNanos();
            Round made = round(admin, tenant, "list-vm-", vms, clients, offering, image, l3);
            long[] cpu1 = peerCpuNanos();
            System.out.printf("%d VMs created and Running (%d failed) in %.1f s; server and database server CPU"
                    + " meanwhile %.1f + %.1f ms per VM%n", made.ok(), made.bad(), (made.t1() - made.t0()) / 1e9,
                    (cpu1[0] - cpu0[0]) / 1e6 / vms, (cpu1[1] - cpu0[1]) / 1e6 / vms);
            Lists.run(made.vmIds(), vms);
            return;
        }

        // optional warm-up (docs/performance.md): a first round of creates and destroys, not measured, so the measured
        // round runs on a server whose code the JIT has compiled, as a long-running server's would be
        if (warmup > 0) {
            long w0 = System.nanoTime();
            Round w = round(admin, tenant, "bench-warm-", warmup, clients, offering, image, l3);
            destroyAll(admin, tenant, w.vmIds(), clients);
            System.out.printf("warm-up (not measured): %d VMs created and destroyed in %.1f s%n", warmup,
                    (System.nanoTime() - w0) / 1e9);
        }

        // the measured part: N creates from C concurrent clients, then wait for every VM to be Running
        long q0 = questions();
        Round r = round(admin, tenant, "bench-vm-", vms, clients, offering, image, l3);
        long q1 = questions();
        List<Long> latencies = r.latencies();
        Collections.sort(latencies);
        double total = (r.t1() - r.t0()) / 1e9;
        System.out.printf("%d VMs requested by %d clients on %d hosts: %d Running, %d failed jobs, %d refused%n", vms,
                clients, hosts, r.ok(), r.bad(), r.refused());
        System.out.printf("all creates accepted after %.2f s; all VMs Running after %.2f s: %.1f VMs/s%n",
                (r.submitted() - r.t0()) / 1e9, total, r.ok() / total);
        System.out.printf("create API latency: p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", pct(latencies, 50),
                pct(latencies, 99), latencies.get(latencies.size() - 1) / 1e6);
        // the program shares the two cores with the server: what it took of them while the creates went out
        double burst = (r.submitted() - r.t0()) / 1e9;
        System.out.printf("  this program's CPU time while it sent them: %.2f s in %.2f s (%.0f %% of two cores), %.2f ms"
                + " per create%n", r.clientCpu() / 1e9, burst, r.clientCpu() / 1e9 / burst / 2 * 100,
                r.clientCpu() / 1e6 / vms);
        if (r.peerCpu()[0] >= 0 && r.peerCpu()[1] >= 0) {
            // what a create request costs, with the jobs it started beside it unless they wait (requests-first)
            System.out.printf("  server and database server CPU time meanwhile: %.2f s + %.2f s, %.2f + %.2f ms per"
                    + " create%n", r.peerCpu()[0] / 1e9, r.peerCpu()[1] / 1e9, r.peerCpu()[0] / 1e6 / vms,
                    r.peerCpu()[1] / 1e6 / vms);
        }
        // each client's first request meets a server that has not run this code yet (and, on a fresh database, a
        // user it has not seen): how much of the tail that wave is
        List<Long> first = new ArrayList<>(r.firstWave());
        Collections.sort(first);
        List<Long> rest = new ArrayList<>(latencies);
        first.forEach(rest::remove);
        System.out.printf("  each client's first request: p50 %.0f ms, max %.0f ms; the other %d: p50 %.0f ms, p99 %.0f ms%n",
                pct(first, 50), first.get(first.size() - 1) / 1e6, rest.size(), pct(rest, 50), pct(rest, 99));
        if (q0 >= 0 && q1 >= 0) {
            System.out.printf("statements sent to the database server during the measured round: %d, %d per VM%n",
                    q1 - q0, (q1 - q0) / vms);
        }
        String running = field(get(tenant, "/v1/vm-instances?state=Running&size=1"), "total", 200);
        System.out.println("VMs Running according to the API: " + running);
        if (TRACE != null) {
            java.nio.file.Files.write(java.nio.file.Path.of(System.getenv("NUBIS_BENCH_TRACE")), TRACE);
        }
        if (r.ok() != vms) {
            System.exit(1);
        }
    }

    /**
     * One round of creates: times (nanoTime), create latencies, the VMs made, their jobs' outcomes, and the CPU time
     * this program used while it sent the creates.
     */
    record Round(long t0, long submitted, long t1, List<Long> latencies, List<Long> firstWave, List<String> vmIds,
            int ok, int bad, int refused, long clientCpu, long[] peerCpu) {
    }

    /** CPU time of this program so far (all its threads), in ns; 0 where the platform does not tell. */
    static long clientCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** The processes whose CPU the burst is charged with: the server and the database server (pids from ./nubis). */
    static final List<String> PEERS = List.of(System.getenv().getOrDefault("NUBIS_BENCH_SERVER_PID", ""),
            System.getenv().getOrDefault("NUBIS_BENCH_DB_PID", ""));

    /** CPU time of each peer so far in ns (user + system from /proc), -1 for one that cannot be read. */
    static long[] peerCpuNanos() {
        long[] out = new long[PEERS.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", PEERS.get(i), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // fields 14 and 15 of proc(5), in clock ticks (100 per second on Linux)
                out[i] = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
            } catch (Exception e) {
                out[i] = -1;
            }
        }
        return out;
    }

    static Round round(String admin, String tenant, String prefix, int vms, int clients, String offering,
            String image, String l3) throws Exception {
        // jobs of earlier rounds are counted out
        int okBefore = total(admin, "/v1/jobs?type=vm.create&state=Succeeded&size=1");
        int badBefore = failedCreates(admin);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Long> firstWave = Collections.synchronizedList(new ArrayList<>());
        List<String> vmIds = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long cpu0 = clientCpuNanos();
        long[] peers0 = peerCpuNanos();
        long t0 = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            work.add(pool.submit(() -> {
                int i;
                boolean first = true;
                while ((i = next.getAndIncrement()) < vms) {
                    String body = "{\"name\":\"" + prefix + i + "\",\"offeringId\":\"" + offering
                            + "\",\"imageId\":\"" + image + "\",\"l3NetworkIds\":[\"" + l3 + "\"]}";
                    long r0 = System.nanoTime();
                    Answer r = send(tenant, "POST", "/v1/vm-instances", body);
                    long took = System.nanoTime() - r0;
                    latencies.add(took);
                    if (TRACE != null) {
                        TRACE.add((r0 - t0) / 1_000_000 + " " + took / 1_000_000 + " " + r.statusCode());
                    }
                    if (first) {
                        firstWave.add(took);
                        first = false;
                    }
                    if (r.statusCode() == 202) {
                        vmIds.add(id(r, 202));
                        accepted.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        System.err.println("create " + i + ": HTTP " + r.statusCode() + " " + r.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        long submitted = System.nanoTime();
        long clientCpu = clientCpuNanos() - cpu0;
        long[] peers1 = peerCpuNanos();
        long[] peerCpu = new long[peers0.length];
        for (int i = 0; i < peerCpu.length; i++) {
            peerCpu[i] = peers0[i] < 0 || peers1[i] < 0 ? -1 : peers1[i] - peers0[i];
        }
        pool.shutdown();
        // wait with a few list queries per second (not one request per job), so the client adds little load
        int ok;
        int bad;
        int ended = -1;
        long progressAt = System.nanoTime();
        while (true) {
            ok = total(admin, "/v1/jobs?type=vm.create&state=Succeeded&size=1") - okBefore;
            bad = failedCreates(admin) - badBefore;
            if (ok + bad >= accepted.get()) {
                break;
            }
            if (ok + bad != ended) {
                ended = ok + bad;
                progressAt = System.nanoTime();
            } else if (System.nanoTime() - progressAt > 60_000_000_000L) {
                // an accepted create whose job never ends (or was never written: a 202 for a rolled-back create)
                throw new IllegalStateException((accepted.get() - ended) + " of " + accepted.get()
                        + " accepted creates have no finished job and none finished for 60 s");
            }
            Thread.sleep(200);
        }
        return new Round(t0, submitted, System.nanoTime(), latencies, firstWave, vmIds, ok, bad, failed.get(),
                clientCpu, peerCpu);
    }

    /** The database server's statement counter (MariaDB on this machine, as root), or -1 when it cannot be read. */
    static long questions() {
        try {
            Process p = new ProcessBuilder("mariadb", "-uroot", "-N", "-e", "SHOW GLOBAL STATUS LIKE 'Questions'")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? Long.parseLong(out.replaceAll(".*\\s", "")) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    static int failedCreates(String admin) {
        return total(admin, "/v1/jobs?type=vm.create&state=RolledBack&size=1")
                + total(admin, "/v1/jobs?type=vm.create&state=Failed&size=1");
    }

    /** Destroys the VMs (C clients) and waits until every destroy job has ended. */
    static void destroyAll(String admin, String tenant, List<String> vmIds, int clients) throws Exception {
        int before = total(admin, "/v1/jobs?type=vm.destroy&state=Succeeded&size=1");
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> work = new ArrayList<>();
        for (String vm : vmIds) {
            work.add(pool.submit(() -> field(send(tenant, "DELETE", "/v1/vm-instances/" + vm, null), "jobId", 202)));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        while (total(admin, "/v1/jobs?type=vm.destroy&state=Succeeded&size=1") - before < vmIds.size()) {
            Thread.sleep(200);
        }
    }

    static int total(String token, String path) {
        return Integer.parseInt(field(get(token, path), "total", 200));
    }

    static final List<String> TRACE = System.getenv("NUBIS_BENCH_TRACE") == null
            ? null
            : Collections.synchronizedList(new ArrayList<>());

    static double pct(List<Long> sorted, int p) {
        int i = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, i)) / 1e6;
    }

    static String token(String user) throws Exception {
        String form = "grant_type=password&client_id=nubis-cli&username=" + user + "&password="
                + URLEncoder.encode(user, StandardCharsets.UTF_8);
        Answer r = exchange(keycloak + "/realms/nubis/protocol/openid-connect/token", "POST", null,
                "application/x-www-form-urlencoded", form);
        return field(r, "access_token", 200);
    }

    static Answer post(String token, String path, String body) {
        return send(token, "POST", path, body);
    }

    static Answer get(String token, String path) {
        return send(token, "GET", path, null);
    }

    static Answer send(String token, String method, String path, String body) {
        return exchange(base + path, method, token, body == null ? null : "application/json", body);
    }

    /** A status and a body: all this program reads of an answer. */
    record Answer(int statusCode, String body) {
    }

    /**
     * One request over the JDK's blocking HttpURLConnection, which keeps the connection for the thread's next request
     * (the body is read whole). It costs this program about half the CPU of java.net.http.HttpClient, and this
     * program shares the two cores with the server it measures (docs/performance.md, 2026-12-06, sixth session).
     */
    static Answer exchange(String url, String method, String token, String contentType, String body) {
        try {
            HttpURLConnection c = open(url, method);
            c.setRequestProperty("Accept", "application/json");
            if (token != null) {
                c.setRequestProperty("Authorization", "Bearer " + token);
            }
            int status = send(c, contentType, body);
            return new Answer(status, read(c, status));
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + url + ": " + e, e);
        }
    }

    /** A connection with this program's timeouts. */
    static HttpURLConnection open(String url, String method) throws java.io.IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(60000);
        c.setRequestMethod(method);
        return c;
    }

    /** Sends the request (with its body, if any); the answer's status. */
    static int send(HttpURLConnection c, String contentType, String body) throws java.io.IOException {
        if (body != null) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", contentType);
            c.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(bytes);
            }
        }
        return c.getResponseCode();
    }

    /** The answer's whole body (the error body for a 4xx/5xx), so the connection can be kept for the next request. */
    static String read(HttpURLConnection c, int status) throws java.io.IOException {
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void awaitJob(String token, String job) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            String state = field(get(token, "/v1/jobs/" + job), "state", 200);
            if (state.equals("Succeeded")) {
                return;
            }
            if (state.equals("RolledBack") || state.equals("Failed")) {
                throw new IllegalStateException("setup job " + job + " ended " + state);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("setup job " + job + " did not finish");
    }

    static String json(String... kv) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < kv.length; i += 2) {
            sb.append(i == 0 ? "" : ",").append('"').append(kv[i]).append("\":\"").append(kv[i + 1]).append('"');
        }
        return sb.append('}').toString();
    }

    static String id(Answer r, int status) {
        return field(r, "id", status);
    }

    /** The first top-level-looking "name": value of a JSON body (enough for these flat answers). */
    static String field(Answer r, String name, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException("expected HTTP " + status + " but got " + r.statusCode() + ": " + r.body());
        }
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"([^\"]*)\"|(-?\\d+))").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + r.body());
        }
        return m.group(2) != null ? m.group(2) : m.group(3);
    }

    /**
     * The list benchmark (./nubis bench-lists, docs/performance.md "Lists with tens of thousands of VMs"): with the VMs
     * of the round in the database, times API lists, a VM's detail and portal pages (logged in through Keycloak's
     * real login form, like a browser), each one client at a time and ten at once, and the walk through every VM by
     * pages of 500.
     */
    static final class Lists {

        /** One kind of request: who sends it (a bearer token or a portal session's cookies) and where. */
        record Probe(String label, String token, Map<String, String> cookies, String path) {
        }

        static void run(List<String> vmIds, int vms) throws Exception {
            String admin = token("admin");
            String tenant = token("alice");
            Map<String, String> alice = login("alice");
            Map<String, String> root = login("admin");
            String vm = vmIds.get(vmIds.size() / 2);
            int lastPage = (vms + 19) / 20;
            List<Probe> probes = List.of(
                    new Probe("API tenant: VMs, first page (20, newest first)", tenant, null, "/v1/vm-instances"),
                    new Probe("API tenant: VMs by name, page 2", tenant, null, "/v1/vm-instances?sort=name&page=2"),
                    new Probe("API tenant: VMs, last page", tenant, null, "/v1/vm-instances?page=" + lastPage),
                    new Probe("API tenant: VMs whose name contains a string", tenant, null,
                            "/v1/vm-instances?q=vm-" + (vms / 3)),
                    new Probe("API tenant: Running VMs, count only", tenant, null,
                            "/v1/vm-instances?state=Running&size=1"),
                    new Probe("API tenant: one VM", tenant, null, "/v1/vm-instances/" + vm),
                    new Probe("API tenant: volumes, first page", tenant, null, "/v1/volumes"),
                    new Probe("API tenant: audit events, first page", tenant, null, "/v1/audit-events"),
                    new Probe("API tenant: jobs, first page", tenant, null, "/v1/jobs"),
                    new Probe("API admin: VMs of all accounts, first page", admin, null, "/v1/vm-instances"),
                    new Probe("API admin: VMs of all accounts by name, page 2", admin, null,
                            "/v1/vm-instances?sort=name&page=2"),
                    new Probe("API admin: VMs of one host", admin, null, "/v1/vm-instances?hostId="
                            + field(get(admin, "/v1/vm-instances/" + vm), "hostId", 200)),
                    new Probe("API admin: jobs, first page", admin, null, "/v1/jobs"),
                    new Probe("API admin: audit events, first page", admin, null, "/v1/audit-events"),
                    new Probe("API admin: hosts, first page", admin, null, "/v1/hosts"),
                    new Probe("portal tenant: home", null, alice, "/portal"),
                    new Probe("portal tenant: VM list", null, alice, "/portal/vms"),
                    new Probe("portal tenant: VM list, last page", null, alice, "/portal/vms?page=" + lastPage),
                    new Probe("portal tenant: one VM", null, alice, "/portal/vms/" + vm),
                    new Probe("portal admin: dashboard", null, root, "/admin"),
                    new Probe("portal admin: VM list", null, root, "/portal/vms"),
                    new Probe("portal admin: jobs", null, root, "/jobs"),
                    new Probe("portal admin: audit log", null, root, "/admin/audit"),
                    new Probe("portal admin: hosts", null, root, "/admin/hosts"));
            System.out.printf("%-52s %8s %8s | %8s %8s %7s%n", "request (" + vms + " VMs in the database)",
                    "1: p50", "p99", "10: p50", "p99", "req/s");
            for (Probe p : probes) {
                for (int i = 0; i < 3; i++) {
                    call(p); // the first calls of a path compile its code and fill caches: not measured
                }
                List<Long> alone = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    alone.add(call(p));
                }
                List<Long> together = Collections.synchronizedList(new ArrayList<>());
                ExecutorService ten = Executors.newFixedThreadPool(10);
                List<Future<?>> fs = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int c = 0; c < 10; c++) {
                    fs.add(ten.submit(() -> {
                        for (int i = 0; i < 20; i++) {
                            together.add(call(p));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                ten.shutdown();
                Collections.sort(alone);
                Collections.sort(together);
                System.out.printf("%-52s %5.0f ms %5.0f ms | %5.0f ms %5.0f ms %7.0f%n", p.label(), pct(alone, 50),
                        pct(alone, 99), pct(together, 50), pct(together, 99), together.size() / secs);
            }
            // every VM of the tenant, page by page, as a script listing them all would
            long w0 = System.nanoTime();
            int seen = 0;
            for (int page = 1; page <= (vms + 499) / 500; page++) {
                Answer a = get(tenant, "/v1/vm-instances?size=500&sort=name&page=" + page);
                seen += count(a.body(), "\"rootVolumeId\"");
            }
            System.out.printf("all %d VMs of the tenant by pages of 500 (sorted by name): %.2f s%n", seen,
                    (System.nanoTime() - w0) / 1e9);
        }

        /** One request; its time in ns. Fails the run on an answer other than 200. */
        static long call(Probe p) {
            long t0 = System.nanoTime();
            Answer a = p.token() != null ? get(p.token(), p.path()) : page(p.cookies(), p.path());
            long took = System.nanoTime() - t0;
            if (a.statusCode() != 200) {
                throw new IllegalStateException(p.label() + ": HTTP " + a.statusCode() + " for " + p.path());
            }
            return took;
        }

        static int count(String text, String needle) {
            int n = 0;
            for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
                n++;
            }
            return n;
        }

        /**
         * Logs a realm user (password = name) into the portal through Keycloak's login form: the app's redirect,
         * Keycloak's page and its form, the code sent back to the app; returns the app's cookies.
         */
        static Map<String, String> login(String user) {
            Map<String, String> app = new java.util.LinkedHashMap<>();
            Map<String, String> kc = new java.util.LinkedHashMap<>();
            Http start = http(base + "/portal", "GET", app, null);
            Http form = http(start.location(), "GET", kc, null);
            Matcher m = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"").matcher(form.body());
            if (start.status() != 302 || !m.find()) {
                throw new IllegalStateException("no Keycloak login form for " + user + " (HTTP " + start.status()
                        + ")");
            }
            Http posted = http(m.group(1).replace("&amp;", "&"), "POST", kc, "username=" + user + "&password="
                    + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&credentialId=");
            Http back = http(posted.location(), "GET", app, null);
            if (app.keySet().stream().noneMatch(k -> k.startsWith("q_session"))) {
                throw new IllegalStateException("no portal session for " + user + " (HTTP " + back.status() + ")");
            }
            return app;
        }

        /** A portal page with the session's cookies; redirects are not followed (a 302 means the session is gone). */
        static Answer page(Map<String, String> cookies, String path) {
            Http h = http(base + path, "GET", new java.util.LinkedHashMap<>(cookies), null);
            return new Answer(h.status(), h.body());
        }

        record Http(int status, String location, String body) {
        }

        /** One request that sends and keeps cookies, without following redirects. */
        static Http http(String url, String method, Map<String, String> cookies, String form) {
            try {
                HttpURLConnection c = open(url, method);
                c.setInstanceFollowRedirects(false);
                if (!cookies.isEmpty()) {
                    c.setRequestProperty("Cookie", String.join("; ", cookies.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue()).toList()));
                }
                int status = send(c, "application/x-www-form-urlencoded", form);
                for (Map.Entry<String, List<String>> h : c.getHeaderFields().entrySet()) {
                    if (!"Set-Cookie".equalsIgnoreCase(h.getKey())) {
                        continue; // header names arrive as the server wrote them (Quarkus: lower case)
                    }
                    for (String sc : h.getValue()) {
                        String pair = sc.split(";", 2)[0];
                        int eq = pair.indexOf('=');
                        if (eq > 0) {
                            cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                        }
                    }
                }
                String text = read(c, status);
                String location = c.getHeaderField("Location");
                if (location != null && location.startsWith("/")) {
                    location = base + location;
                }
                return new Http(status, location, text);
            } catch (Exception e) {
                throw new IllegalStateException(method + " " + url + ": " + e, e);
            }
        }
    }
}
