package io.nubis.platform.web;

/**
 * Who is signed in, as the layout shows it: the user name, the account it acts for (null when the user belongs to no
 * account) and whether it administers the cloud.
 */
public record SignedInUser(String username, String accountName, boolean admin) {

    public boolean hasAccount() {
        return accountName != null;
    }
}
