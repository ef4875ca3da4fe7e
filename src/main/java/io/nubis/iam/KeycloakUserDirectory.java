package io.nubis.iam;

import io.nubis.platform.ConflictException;
import io.nubis.platform.Text;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * {@link UserDirectory} over Keycloak's admin REST API, as the realm's {@code nubis-admin} client (a service account
 * allowed to manage users and groups of the realm, nothing else).
 */
@ApplicationScoped
public class KeycloakUserDirectory implements UserDirectory {

    @Inject
    Keycloak keycloak;
    @Inject
    KeycloakUserLookup lookup;
    @ConfigProperty(name = "nubis.keycloak.realm")
    String realmName;

    private RealmResource realm() {
        return keycloak.realm(realmName);
    }

    @Override
    public String createUser(String username, String email, String firstName, String lastName, String password,
            boolean temporaryPassword) {
        UserRepresentation u = new UserRepresentation();
        u.setUsername(username);
        u.setEmail(email);
        u.setFirstName(firstName);
        u.setLastName(lastName);
        u.setEnabled(true);
        u.setEmailVerified(email != null);
        u.setCredentials(List.of(password(password, temporaryPassword)));
        try (Response r = call(() -> realm().users().create(u))) {
            if (r.getStatus() == 409) {
                throw new ConflictException(Text.of(IamMessages.class, m -> m.error_username_taken(username)));
            }
            if (r.getStatus() != 201) {
                throw new DirectoryException("create user: HTTP " + r.getStatus(), null);
            }
            return CreatedResponseUtil.getCreatedId(r);
        }
    }

    @Override
    public void deleteUser(String subject) {
        int status = call(() -> {
            try (Response r = realm().users().delete(subject)) {
                return r.getStatus();
            }
        });
        if (status / 100 != 2 && status != 404) {
            throw new DirectoryException("delete user: HTTP " + status, null);
        }
    }

    @Override
    public void setEnabled(String subject, boolean enabled) {
        call(() -> {
            UserRepresentation u = realm().users().get(subject).toRepresentation();
            u.setEnabled(enabled);
            realm().users().get(subject).update(u);
            return null;
        });
    }

    /** Asked while serving requests: through {@link KeycloakUserLookup}, which never needs a worker thread. */
    @Override
    public boolean enabled(String subject) {
        return lookup.enabled(subject);
    }

    @Override
    public void resetPassword(String subject, String password, boolean temporary) {
        call(() -> {
            realm().users().get(subject).resetPassword(password(password, temporary));
            return null;
        });
    }

    @Override
    public void ensureGroup(String path) {
        call(() -> groupId(path, true));
    }

    @Override
    public void deleteGroup(String path) {
        call(() -> {
            String id = groupId(path, false);
            if (id != null) {
                realm().groups().group(id).remove();
            }
            return null;
        });
    }

    @Override
    public void join(String subject, String path) {
        call(() -> {
            realm().users().get(subject).joinGroup(groupId(path, true));
            return null;
        });
    }

    @Override
    public void leave(String subject, String path) {
        call(() -> {
            String id = groupId(path, false);
            if (id != null) {
                realm().users().get(subject).leaveGroup(id);
            }
            return null;
        });
    }

    /** The group's id, created with its parents when {@code create}; null when missing and not created. */
    private String groupId(String path, boolean create) {
        try {
            return realm().getGroupByPath(path).getId();
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() != 404) {
                throw e;
            }
            if (!create) {
                return null;
            }
        }
        int slash = path.lastIndexOf('/');
        GroupRepresentation g = new GroupRepresentation();
        g.setName(path.substring(slash + 1));
        Response r = slash == 0
                ? realm().groups().add(g)
                : realm().groups().group(groupId(path.substring(0, slash), true)).subGroup(g);
        try (r) {
            if (r.getStatus() == 409) {
                return realm().getGroupByPath(path).getId();
            }
            if (r.getStatus() != 201) {
                throw new DirectoryException("create group " + path + ": HTTP " + r.getStatus(), null);
            }
            return CreatedResponseUtil.getCreatedId(r);
        }
    }

    private static CredentialRepresentation password(String password, boolean temporary) {
        CredentialRepresentation c = new CredentialRepresentation();
        c.setType(CredentialRepresentation.PASSWORD);
        c.setValue(password);
        c.setTemporary(temporary);
        return c;
    }

    private interface Call<T> {

        T run();
    }

    private static <T> T call(Call<T> c) {
        try {
            return c.run();
        } catch (WebApplicationException e) {
            throw new DirectoryException("HTTP " + e.getResponse().getStatus(), e);
        } catch (jakarta.ws.rs.ProcessingException e) {
            throw new DirectoryException("unreachable: " + e.getMessage(), e);
        }
    }
}
