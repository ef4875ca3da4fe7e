package io.nubis.driver.kvm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A host command as an argument list, plus optional standard input and a timeout. {@link #commandLine()} quotes every
 * argument, so values with spaces, quotes, {@code $(...)} or {@code ;} stay single arguments.
 *
 * @param argv program and arguments, never empty
 * @param stdin bytes written to the command's standard input, or null
 * @param timeout how long the command may run; null means the driver's default
 */
public record RemoteCommand(List<String> argv, byte[] stdin, Duration timeout) {

    public RemoteCommand {
        if (argv == null || argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        for (String a : argv) {
            if (a == null) {
                throw new IllegalArgumentException("null argument in " + argv);
            }
        }
        argv = List.copyOf(argv);
    }

    public static RemoteCommand of(String... argv) {
        return new RemoteCommand(java.util.Arrays.asList(argv), null, null);
    }

    public static RemoteCommand of(List<String> argv) {
        return new RemoteCommand(argv, null, null);
    }

    public RemoteCommand withStdin(byte[] input) {
        return new RemoteCommand(argv, input, timeout);
    }

    public RemoteCommand withTimeout(Duration t) {
        return new RemoteCommand(argv, stdin, t);
    }

    public RemoteCommand and(String... more) {
        List<String> all = new ArrayList<>(argv);
        all.addAll(List.of(more));
        return new RemoteCommand(all, stdin, timeout);
    }

    /** The line the remote shell runs: every argument quoted. */
    public String commandLine() {
        return argv.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }

    public Optional<Duration> optionalTimeout() {
        return Optional.ofNullable(timeout);
    }

    @Override
    public String toString() {
        return commandLine();
    }
}
