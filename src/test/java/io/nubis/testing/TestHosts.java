package io.nubis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The KVM test hosts of dev/testbed/hosts (network namespaces with their own sshd and libvirtd). {@link #ensureUp()}
 * starts them if needed (idempotent, under a second when they are up) and reads their facts from {@code hosts env}.
 */
public final class TestHosts {

    private static Map<String, String> env;

    private TestHosts() {
    }

    /** One test host: address, SSH login and the host key it presents. */
    public record TestHost(String name, String ip, int sshPort, String user, String password, Path privateKeyFile,
            String hostKeyFingerprint) {

        public String privateKey() {
            try {
                return Files.readString(privateKeyFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Brings up test hosts 1 and 2 and returns host {@code n}. */
    public static synchronized TestHost host(int n) {
        if (env == null) {
            run(List.of("dev/testbed/hosts", "up", "2"));
            env = parse(run(List.of("dev/testbed/hosts", "env")));
            for (int i = 1; env.containsKey("NUBIS_TESTHOST" + i + "_NAME"); i++) {
                dropStaleReadOnlyMounts(env.get("NUBIS_TESTHOST" + i + "_NAME"));
            }
        }
        String p = "NUBIS_TESTHOST" + n + "_";
        return new TestHost(env.get(p + "NAME"), env.get(p + "IP"), Integer.parseInt(env.get(p + "SSH_PORT")),
                env.get(p + "USER"), env.get(p + "PASSWORD"), Path.of(env.get(p + "SSH_KEY")),
                env.get(p + "HOST_KEY_SHA256"));
    }

    /**
     * Failure tests make a folder of a test host read-only with a bind mount and take it away when they end; a suite
     * killed in between (a CI timeout, a developer's Ctrl-C) leaves it, and every later run fails with "Read-only file
     * system". The first use of the hosts in a JVM removes such leftovers under Nubis's folders.
     */
    private static void dropStaleReadOnlyMounts(String hostName) {
        run(List.of("dev/testbed/hosts", "enter", hostName, "sh", "-c",
                "findmnt -rn -o TARGET,OPTIONS | while read -r t o; do case \"$t\" in /var/lib/nubis/*|/var/log/nubis*)"
                        + " case \",$o,\" in *,ro,*) umount \"$t\" && echo \"dropped a stale read-only mount: $t\" ;;"
                        + " esac ;; esac; done; true"));
    }

    /** Runs a command inside the test host's namespaces (dev/testbed/hosts enter). */
    public static String enter(TestHost h, String... cmd) {
        List<String> argv = new java.util.ArrayList<>(List.of("dev/testbed/hosts", "enter", h.name()));
        argv.addAll(List.of(cmd));
        return run(argv);
    }

    /** Runs a command on this machine; fails the test on a non-zero exit. */
    public static String run(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.startsWith("NUBIS_")) {
                m.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        return m;
    }
}
