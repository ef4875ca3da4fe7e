package io.nubis.vm.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.nubis.driver.simulator.SimulatorAction;
import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.job.JobFaultHook;
import io.nubis.job.Step;
import io.nubis.job.WorkflowRegistry;
import io.nubis.testing.Crashes;
import io.nubis.testing.Invariants;
import io.nubis.testing.Jobs;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, part 1, on simulated hosts: for every step of the VM workflows, the server "dies" right after the step's
 * side effects and before its progress and context are saved ({@link JobFaultHook}); the job's lease is then expired as
 * a dead node would leave it, recovery takes the job over, and {@link Invariants} must hold: nothing is left behind.
 * The steps are read from the workflow registry, not listed by hand.
 */
@QuarkusTest
class VmCrashRecoveryTest {

    @Inject
    SimulatorControl simulator;
    @Inject
    JobFaultHook faults;
    @Inject
    WorkflowRegistry workflows;
    @Inject
    AgroalDataSource db;

    @AfterEach
    void disarm() {
        faults.reset();
    }

    List<String> stepsOf(String type) {
        return workflows.find(type).orElseThrow().steps(null).stream().map(Step::name).toList();
    }

    /** Waits for the armed crash, then leaves the job as a dead node would: lease expired, owned by no one alive. */
    String crashAndExpire(String type, String step) throws Exception {
        String job = Crashes.crashedJob(faults, type, step);
        Crashes.expire(db, job);
        return job;
    }

    @Test
    void aCrashAfterAnyStepOfACreateIsRolledBackWithNothingLeft() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        Invariants invariants = new Invariants(db, simulator);
        List<String> steps = stepsOf("vm.create");
        assertTrue(steps.size() >= 5, steps.toString());
        // with a data volume and a security group, so that create-data-volumes and join-security-groups run (a create
        // that asks for neither skips them) and have something to leave behind
        String disk = as(Tokens.ADMIN).body(java.util.Map.of("name", unique("cd"), "sizeGib", 1))
                .post("/v1/disk-offerings").then().statusCode(201).extract().path("id");
        String group = as(Tokens.ALICE).body(java.util.Map.of("name", unique("sg"))).post("/v1/security-groups").then()
                .statusCode(201).extract().path("id");
        for (String step : steps) {
            faults.armAfterStep("vm.create", step);
            java.util.Map<String, Object> body = VmFixtures.vmBody(c, unique("crash"));
            body.put("dataDiskOfferingIds", List.of(disk));
            body.put("securityGroupIds", List.of(group));
            as(Tokens.ALICE).body(body).post("/v1/vm-instances").then().statusCode(202);
            String job = crashAndExpire("vm.create", step);
            JsonPath end = Jobs.awaitFinal(job, Duration.ofSeconds(60));
            assertEquals("RolledBack", end.getString("state"), step + ": " + end.prettify());
            invariants.check(c.hosts(), c.hostAddresses(), c.l3());
            assertEquals(0, invariants.securityGroupMembers(group), step + ": security group members left");
        }
        // and the cloud still works: a VM created afterwards runs
        io.nubis.testing.Quotas.assertUsageMatchesHoldings(Tokens.ALICE);
        JsonPath ok = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("after")));
        assertEquals("Succeeded", ok.getString("state"), ok.prettify());
        invariants.check(c.hosts(), c.hostAddresses(), c.l3());
    }

    @Test
    void aCrashInTheMiddleOfAHostCallOfACreateIsRolledBackWithNothingLeft() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        Invariants invariants = new Invariants(db, simulator);
        String host = c.hostAddresses().get(0);
        // the VM create's host calls, in order; each "kills the server" while the step that makes it is half done
        for (SimulatorAction action : List.of(SimulatorAction.CREATE_VOLUME, SimulatorAction.ENSURE_BRIDGE,
                SimulatorAction.ENSURE_DHCP, SimulatorAction.ENSURE_NIC_FILTER, SimulatorAction.VM_CREATE)) {
            int before = simulator.calls(host, action);
            simulator.crashNth(host, action, 1);
            String job = as(Tokens.ALICE).body(VmFixtures.vmBody(c, unique("mid"))).post("/v1/vm-instances").then()
                    .statusCode(202).extract().path("jobId");
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> simulator.calls(host, action) > before);
            Thread.sleep(300);
            Crashes.expire(db, job);
            JsonPath end = Jobs.awaitFinal(job, Duration.ofSeconds(60));
            assertEquals("RolledBack", end.getString("state"), action + ": " + end.prettify());
            invariants.check(c.hosts(), c.hostAddresses(), c.l3());
        }
    }

    @Test
    void aCrashAfterAnyStepOfADestroyOrPowerActionEndsSettled() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        Invariants invariants = new Invariants(db, simulator);
        for (String type : List.of("vm.stop", "vm.start", "vm.reboot", "vm.destroy")) {
            for (String step : stepsOf(type)) {
                JsonPath created = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("p")));
                assertEquals("Succeeded", created.getString("state"), created.prettify());
                String vm = created.getString("resourceId");
                if (type.equals("vm.start")) {
                    Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/stop").then().statusCode(202)
                            .extract().path("jobId"));
                }
                faults.armAfterStep(type, step);
                String action = type.substring("vm.".length());
                if (action.equals("destroy")) {
                    as(Tokens.ALICE).delete("/v1/vm-instances/" + vm).then().statusCode(202);
                } else {
                    as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/" + action).then().statusCode(202);
                }
                String job = crashAndExpire(type, step);
                JsonPath end = Jobs.awaitFinal(job, Duration.ofSeconds(60));
                assertTrue(List.of("Succeeded", "RolledBack", "Failed").contains(end.getString("state")),
                        type + "/" + step + ": " + end.prettify());
                invariants.check(c.hosts(), c.hostAddresses(), c.l3());
                if (!type.equals("vm.destroy")) {
                    Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + vm).then().statusCode(202)
                            .extract().path("jobId"));
                }
                invariants.check(c.hosts(), c.hostAddresses(), c.l3());
            }
        }
        io.nubis.testing.Quotas.assertUsageMatchesHoldings(Tokens.ALICE);
    }

    @Test
    void twoConflictingActionsOnOneVmAtOnceGetOneJobAndOne409() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                String vm = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("race")))
                        .getString("resourceId");
                List<Callable<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    calls.add(() -> as(Tokens.ALICE).delete("/v1/vm-instances/" + vm).statusCode());
                    calls.add(() -> as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/stop").statusCode());
                }
                List<Integer> codes = new ArrayList<>();
                for (Future<Integer> f : pool.invokeAll(calls)) {
                    codes.add(f.get());
                }
                assertEquals(1, codes.stream().filter(s -> s == 202).count(), codes.toString());
                assertEquals(7, codes.stream().filter(s -> s == 409).count(), codes.toString());
                JsonPath jobs = as(Tokens.ALICE).queryParam("resourceId", vm).get("/v1/jobs").then().extract()
                        .jsonPath();
                assertEquals(2, jobs.getLong("total"), "the create and one action");
                for (String id : jobs.getList("items.id", String.class)) {
                    Jobs.awaitFinal(id);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
