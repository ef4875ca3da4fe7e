package io.nubis.vm;

import java.util.List;

/**
 * cloud-init data for a new VM (issue 13); every field optional.
 *
 * @param hostname the guest's host name (a DNS label: letters, digits, hyphens; at most 63); default: from the VM's
 *     name
 * @param sshKeys OpenSSH public keys ({@code ssh-ed25519 AAAA... comment}), at most 10
 * @param userData cloud-init user data (a {@code #cloud-config} document, a shell script, ...), at most 64 KiB
 */
public record CloudInitInput(String hostname, List<String> sshKeys, String userData) {
}
