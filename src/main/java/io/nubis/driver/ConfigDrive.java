package io.nubis.driver;

/**
 * A VM's cloud-init NoCloud data (issue 13): the driver makes a config drive of it (an ISO 9660 image labelled
 * {@code cidata} with the files {@code meta-data} and {@code user-data}) and gives it to the VM as a read-only CD-ROM.
 *
 * @param metaData YAML: {@code instance-id}, {@code local-hostname}, {@code public-keys}
 * @param userData the tenant's user data as given (a {@code #cloud-config} document, a script, ...), may be empty
 */
public record ConfigDrive(String metaData, String userData) {

    /** The largest user data a VM takes (as OpenStack Nova: 64 KiB). */
    public static final int MAX_USER_DATA_BYTES = 65536;

    public ConfigDrive {
        if (metaData == null || userData == null) {
            throw new IllegalArgumentException("config drive without meta-data or user-data");
        }
    }
}
