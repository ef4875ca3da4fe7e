package io.nubis.compute.web;

import io.nubis.compute.HostInput;
import io.nubis.compute.HostView;

/**
 * The host form as submitted: raw strings, so a bad port is shown back exactly as typed. The password and private key
 * are passed on to the service but never rendered back into the page.
 */
public record HostForm(String clusterId, String name, String description, String address, String sshPort,
        String username, String password, String privateKey) {

    static HostForm empty(String clusterId) {
        return new HostForm(clusterId == null ? "" : clusterId, "", "", "", "22", "root", null, null);
    }

    static HostForm of(HostView h) {
        return new HostForm(h.clusterId(), h.name(), h.description(), h.address(), String.valueOf(h.sshPort()),
                h.username(), null, null);
    }

    @Override
    public String toString() {
        return "HostForm[clusterId=" + clusterId + ", address=" + address + ", username=" + username + "]";
    }

    /** Whether the port is blank (the service's default applies) or a whole number. */
    boolean portIsNumber() {
        return sshPort == null || sshPort.isBlank() || sshPort.trim().matches("^-?\\d{1,9}$");
    }

    /** The port as a number, null when blank; call only when {@link #portIsNumber()}. */
    Integer port() {
        return sshPort == null || sshPort.isBlank() ? null : Integer.valueOf(sshPort.trim());
    }

    HostInput input() {
        return new HostInput(clusterId, name, description, address, port(), username, password, privateKey);
    }
}
