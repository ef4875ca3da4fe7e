package io.nubis.driver.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Quoting is checked against a real local /bin/sh: whatever goes in must come out byte for byte. */
class ShellQuoteTest {

    static final List<String> NASTY = List.of("plain", "two words", "x$(touch /tmp/nubis-pwned)", "a;reboot",
            "`id`", "it's", "'", "''", "\"double\"", "back\\slash", "new\nline", "tab\there", "*", "~root", "$HOME",
            "-n", "", "a|b&c>d<e", "日本語", "!event");

    @Test
    void safeWordsStayReadable() {
        assertEquals("virsh", ShellQuote.quote("virsh"));
        assertEquals("/var/lib/nubis/a.qcow2", ShellQuote.quote("/var/lib/nubis/a.qcow2"));
        assertEquals("'a b'", ShellQuote.quote("a b"));
        assertEquals("'it'\\''s'", ShellQuote.quote("it's"));
        assertEquals("''", ShellQuote.quote(""));
    }

    @Test
    void everyArgumentSurvivesARealShellUnchanged() throws Exception {
        for (String arg : NASTY) {
            String line = RemoteCommand.of("printf", "%s", arg).commandLine();
            assertEquals(arg, runLocally(line), "argument " + arg + " via " + line);
        }
    }

    @Test
    void nulBytesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ShellQuote.quote("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> RemoteCommand.of("echo", null));
    }

    private static String runLocally(String line) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/sh", "-c", line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
