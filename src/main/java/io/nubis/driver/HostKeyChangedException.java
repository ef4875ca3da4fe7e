package io.nubis.driver;

/** The host presented an SSH host key other than the accepted one; the driver refused to log in. */
public class HostKeyChangedException extends DriverException {

    private final String expected;
    private final String presented;

    public HostKeyChangedException(String address, String expected, String presented) {
        super("host key of " + address + " changed: expected " + expected + " but the host presented " + presented
                + ". Refusing to connect; an admin must check the host and accept the new key.");
        this.expected = expected;
        this.presented = presented;
    }

    public String expected() {
        return expected;
    }

    public String presented() {
        return presented;
    }
}
