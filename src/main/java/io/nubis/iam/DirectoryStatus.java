package io.nubis.iam;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Whether Keycloak still has a portal user enabled (issue 9: a user disabled directly in Keycloak loses the portal at
 * once, not only when its session's tokens expire). Asked at most every {@link #CHECK_MILLIS} per user; when Keycloak
 * cannot be reached, the user stays signed in (its tokens were valid) and a warning is logged.
 */
@ApplicationScoped
public class DirectoryStatus {

    private static final Logger LOG = Logger.getLogger(DirectoryStatus.class);
    static final long CHECK_MILLIS = 15_000;
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();

    @Inject
    UserDirectory directory;

    private record Checked(boolean enabled, long until) {
    }

    public boolean enabled(String subject) {
        long now = System.currentTimeMillis();
        Checked c = checked.get(subject);
        if (c != null && c.until > now) {
            return c.enabled;
        }
        boolean enabled;
        try {
            enabled = directory.enabled(subject);
        } catch (DirectoryException e) {
            LOG.warnf("could not ask Keycloak whether user %s is enabled: %s", subject, e.getMessage());
            enabled = true;
        }
        checked.put(subject, new Checked(enabled, now + CHECK_MILLIS));
        return enabled;
    }
}
