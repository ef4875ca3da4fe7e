/**
 * The KVM driver: libvirt hosts reached over SSH (JSch), the only package allowed to import JSch. Every host command is
 * a {@link io.nubis.driver.kvm.RemoteCommand}: an argument list of validated values, each quoted for the remote POSIX
 * shell by {@link io.nubis.driver.kvm.ShellQuote}; nothing is ever concatenated into a shell string.
 */
package io.nubis.driver.kvm;
