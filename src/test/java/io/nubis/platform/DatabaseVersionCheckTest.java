package io.nubis.platform;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class DatabaseVersionCheckTest {

    @Test
    void acceptsMysql8AndMariadb106OrNewer() {
        assertNull(DatabaseVersionCheck.problem("8.0.36"));
        assertNull(DatabaseVersionCheck.problem("8.4.2-log"));
        assertNull(DatabaseVersionCheck.problem("10.11.19-MariaDB-0+deb12u1"));
        assertNull(DatabaseVersionCheck.problem("11.4.2-MariaDB"));
        assertNull(DatabaseVersionCheck.problem("10.6.0-MariaDB"));
    }

    @Test
    void refusesOlderServersAndGarbage() {
        assertNotNull(DatabaseVersionCheck.problem("5.7.44"));
        assertNotNull(DatabaseVersionCheck.problem("10.5.9-MariaDB"));
        assertNotNull(DatabaseVersionCheck.problem("who knows"));
    }
}
