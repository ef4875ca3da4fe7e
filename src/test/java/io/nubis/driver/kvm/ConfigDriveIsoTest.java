package io.nubis.driver.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config drive ISO read back by real tools: blkid (the label cloud-init looks for) and xorriso (the files). */
class ConfigDriveIsoTest {

    @TempDir
    Path dir;

    @Test
    void blkidSeesAnIso9660FileSystemLabelledCidata() throws Exception {
        Path iso = write(ConfigDriveIso.noCloud("instance-id: i-1\nlocal-hostname: web-1\n", "#cloud-config\n"));
        assertEquals("iso9660", run("blkid", "-o", "value", "-s", "TYPE", iso.toString()).strip());
        assertEquals("cidata", run("blkid", "-o", "value", "-s", "LABEL", iso.toString()).strip());
    }

    @Test
    void xorrisoReadsBackEveryFileByteForByte() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/osirrox")), "xorriso is installed (dev/testbed/guest-image)");
        String meta = "instance-id: 0b9c\nlocal-hostname: db-2\npublic-keys:\n  - \"ssh-ed25519 AAAA x\"\n";
        String user = "#cloud-config\n" + "runcmd:\n  - echo " + "x".repeat(5000) + "\n"; // more than two sectors
        Path iso = write(ConfigDriveIso.noCloud(meta, user));
        Path out = dir.resolve("out");
        run("osirrox", "-indev", iso.toString(), "-extract", "/", out.toString());
        assertEquals(List.of("meta-data", "user-data"),
                Files.list(out).map(p -> p.getFileName().toString()).sorted().toList());
        assertEquals(meta, Files.readString(out.resolve("meta-data")));
        assertEquals(user, Files.readString(out.resolve("user-data")));
        assertEquals(0, Files.size(iso) % 2048);
    }

    @Test
    void namesAndLabelsAreConfined() {
        assertThrows(IllegalArgumentException.class,
                () -> ConfigDriveIso.build("cidata", Map.of("../etc", new byte[0])));
        assertThrows(IllegalArgumentException.class,
                () -> ConfigDriveIso.build("ci data", Map.of("meta-data", new byte[0])));
    }

    private Path write(byte[] iso) throws IOException {
        Path p = Files.createTempFile(dir, "cd", ".iso");
        Files.write(p, iso);
        return p;
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
        return out;
    }
}
