package io.nubis.driver.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.nubis.driver.BackupStorageDrivers;
import io.nubis.driver.BackupStorageEndpoint;
import io.nubis.driver.DriverException;
import io.nubis.driver.ImageFileInfo;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Simulated image stores keep their images as database rows: byte for byte, bounded, and only once checked. */
@QuarkusTest
class SimulatorBackupStorageDriverTest {

    @Inject
    SimulatorBackupStorageDriver driver;
    @Inject
    SimulatorControl control;
    @Inject
    @DataSource("simulator")
    AgroalDataSource dataSource;
    @Inject
    SimulatorConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    BackupStorageDrivers backupStorages;

    private String address;
    private BackupStorageEndpoint bs;

    @BeforeEach
    void newStore() {
        address = "sim-bs-" + UUID.randomUUID();
        bs = new BackupStorageEndpoint(UUID.randomUUID().toString(), SimulatorBackupStorageDriver.TYPE, address, 22,
                null, null, "/srv/images");
    }

    @Test
    void anUploadIsKeptByteForByteAndOutlivesTheServersMemory() throws Exception {
        byte[] content = new byte[300_000];
        Arrays.fill(content, (byte) 7);
        // the path reaches the database only as a bound parameter: quotes and SQL in it are just characters
        String path = "/srv/images/it's'; DELETE FROM sim_file; --.raw";
        ImageFileInfo info = driver.upload(bs, new ByteArrayInputStream(content), path, "raw");
        assertEquals(new ImageFileInfo("raw", content.length, content.length, SimulatedImages.sha256(content)), info);

        control.forgetServerMemory();
        SecondServer second = new SecondServer(dataSource, config, json, backupStorages);
        assertEquals(Set.of(path), second.control.files(address), "no .part file left");
        try (InputStream in = second.backupStorageDriver.open(bs, path)) {
            assertArrayEquals(content, in.readAllBytes());
        }
        second.backupStorageDriver.delete(bs, path);
        assertTrue(control.files(address).isEmpty());
    }

    @Test
    void anUploadAboveTheLimitOrOfAnotherFormatFailsAndKeepsNothing() {
        InputStream tooBig = new ByteArrayInputStream(new byte[SimulatorBackupStorageDriver.MAX_UPLOAD_BYTES + 1]);
        DriverException big = assertThrows(DriverException.class,
                () -> driver.upload(bs, tooBig, "/srv/images/big.raw", "raw"));
        assertTrue(big.getMessage().contains("at most"), big.getMessage());
        DriverException format = assertThrows(DriverException.class, () -> driver
                .upload(bs, new ByteArrayInputStream(new byte[1024]), "/srv/images/fake.qcow2", "qcow2"));
        assertTrue(format.getMessage().contains("declared as qcow2 but its content is raw"), format.getMessage());
        assertTrue(control.files(address).isEmpty());
    }
}
