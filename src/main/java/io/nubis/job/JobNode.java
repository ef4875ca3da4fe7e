package io.nubis.job;

import io.quarkus.runtime.LaunchMode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The identity of this management server in job leases: {@code nubis.jobs.node-id}, or host name + ":" + HTTP port. Two
 * servers must never share one (each would believe it owns the other's jobs).
 */
@ApplicationScoped
public class JobNode {

    private static final Logger LOG = Logger.getLogger(JobNode.class);

    @Inject
    JobsConfig config;

    private String id;

    @PostConstruct
    void init() {
        id = config.nodeId().filter(s -> !s.isBlank()).map(String::trim).orElseGet(JobNode::defaultId);
        LOG.infof("job engine node id: %s", id);
    }

    /** The value written to {@code job.lease_owner} for jobs this server runs. */
    public String id() {
        return id;
    }

    private static String defaultId() {
        String port = ConfigProvider.getConfig()
                .getOptionalValue(
                        LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port",
                        String.class)
                .orElse("8080");
        return hostName() + ":" + port;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            LOG.warnf("cannot resolve the local host name (%s); using %s", e.getMessage(), env);
            return env != null && !env.isBlank() ? env : "localhost";
        }
    }
}
