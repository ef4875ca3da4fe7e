package io.nubis.driver.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.DriverException;
import io.nubis.driver.HostCredentials;
import io.nubis.driver.HostEndpoint;
import io.nubis.testing.TestHosts;
import io.nubis.testing.TestHosts.TestHost;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Arguments reach a real host's programs unchanged, whatever shell syntax they contain; timeouts hold. */
@QuarkusTest
class SshCommandSafetyTest {

    private static final String MARKER = "/tmp/nubis-pwned";

    @Inject
    SshPool ssh;

    private HostEndpoint endpoint(TestHost h) {
        return new HostEndpoint("test-" + h.name(), h.ip(), h.sshPort(), h.user(),
                new HostCredentials(null, h.privateKey(), h.hostKeyFingerprint()));
    }

    @Test
    void hostileArgumentsArePassedLiterallyOverSsh() throws Exception {
        TestHost h = TestHosts.host(1);
        HostEndpoint ep = endpoint(h);
        TestHosts.enter(h, "rm", "-f", MARKER);
        for (String arg : ShellQuoteTest.NASTY) {
            String hostile = arg.replace("/tmp/nubis-pwned", MARKER);
            ExecResult r = ssh.exec(ep, RemoteCommand.of("printf", "%s", hostile));
            assertTrue(r.ok(), r.describe());
            assertEquals(hostile, r.stdout(), "argument " + hostile);
        }
        ExecResult vm = ssh.exec(ep, RemoteCommand.of("virsh", "-c", "qemu:///system", "dominfo", "x$(touch " + MARKER
                + ")"));
        assertFalse(vm.ok());
        assertTrue(vm.stderr().contains("x$(touch " + MARKER + ")"), vm.describe());
        assertEquals("absent", TestHosts.enter(h, "sh", "-c", "test -e " + MARKER + " && echo present || echo absent")
                .strip());
    }

    @Test
    void stdinAndExitCodesAndTimeouts() throws Exception {
        HostEndpoint ep = endpoint(TestHosts.host(1));
        ExecResult cat = ssh.exec(ep, RemoteCommand.of("cat").withStdin("line 1\nline 2\n".getBytes()));
        assertEquals("line 1\nline 2\n", cat.stdout());
        ExecResult fail = ssh.exec(ep, RemoteCommand.of("sh", "-c", "echo oops >&2; exit 3"));
        assertEquals(3, fail.exitCode());
        assertEquals("oops\n", fail.stderr());
        DriverException slow = assertThrows(DriverException.class,
                () -> ssh.exec(ep, RemoteCommand.of("sleep", "5").withTimeout(Duration.ofMillis(500))));
        assertTrue(slow.getMessage().contains("timed out"), slow.getMessage());
    }
}
