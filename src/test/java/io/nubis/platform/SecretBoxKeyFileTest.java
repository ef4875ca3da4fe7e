package io.nubis.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secrets key file is private from the moment it exists (issue 6): 600 for the file, 700 for a new directory. */
class SecretBoxKeyFileTest {

    @TempDir
    Path tmp;

    @Test
    void aNewKeyFileIsPrivateFromTheStartAndReusedAfterwards() throws Exception {
        Path file = tmp.resolve("etc/nubis/secret.key");
        String key = SecretBox.readOrCreateKeyFile(file, new SecureRandom());
        assertEquals(32, Base64.getDecoder().decode(key.trim()).length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals(key, SecretBox.readOrCreateKeyFile(file, new SecureRandom()), "the same key next time");
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }
}
