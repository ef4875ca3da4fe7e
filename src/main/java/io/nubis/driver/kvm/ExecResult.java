package io.nubis.driver.kvm;

/** What a host command did: its exit code and output. */
public record ExecResult(RemoteCommand command, int exitCode, String stdout, String stderr, long millis) {

    public boolean ok() {
        return exitCode == 0;
    }

    /** A one-paragraph summary for job logs and error messages: command, exit code, trimmed output. */
    public String describe() {
        return "`" + command.commandLine() + "` exited " + exitCode + " after " + millis + " ms"
                + (stderr.isBlank() ? "" : "; stderr: " + clip(stderr))
                + (stdout.isBlank() ? "" : "; stdout: " + clip(stdout));
    }

    private static String clip(String s) {
        String t = s.strip();
        return t.length() <= 600 ? t : t.substring(0, 600) + "...";
    }
}
