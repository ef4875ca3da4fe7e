package io.nubis.iam;

/**
 * Where users and groups live: Keycloak (issue 9). Nubis keeps the mapping of users to accounts, their roles and
 * policies; logins, passwords and the enabled flag are the directory's. Group paths are {@code /accounts/<account>} and
 * {@code /accounts/<account>/<group>}. Every method fails with a {@link DirectoryException} when the directory refuses
 * or cannot be reached.
 */
public interface UserDirectory {

    /** Creates an enabled user with a password; returns its id (the subject of its tokens). 409 for a taken name. */
    String createUser(String username, String email, String firstName, String lastName, String password,
            boolean temporaryPassword);

    /** Removes the user; an unknown id is not an error. */
    void deleteUser(String subject);

    void setEnabled(String subject, boolean enabled);

    /** False for a disabled or unknown user. */
    boolean enabled(String subject);

    void resetPassword(String subject, String password, boolean temporary);

    /** Creates the group (and its parents) when missing. */
    void ensureGroup(String path);

    /** Removes the group and its subgroups; an unknown path is not an error. */
    void deleteGroup(String path);

    void join(String subject, String path);

    void leave(String subject, String path);
}
