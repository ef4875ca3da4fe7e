package io.nubis.home.web;

import io.nubis.compute.ClusterService;
import io.nubis.compute.HostFilter;
import io.nubis.compute.HostService;
import io.nubis.compute.HostStatus;
import io.nubis.compute.ZoneService;
import io.nubis.iam.Caller;
import io.nubis.iam.CallerResolver;
import io.nubis.network.L3Kind;
import io.nubis.network.L3NetworkService;
import io.nubis.offering.OfferingService;
import io.nubis.offering.OfferingState;
import io.nubis.platform.Action;
import io.nubis.platform.PageRequest;
import io.nubis.platform.web.PortalRequest;
import io.nubis.storage.BackupStorageService;
import io.nubis.storage.ImageService;
import io.nubis.storage.ImageStatus;
import io.nubis.storage.PrimaryStorageService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The first-run setup (issue 13): a checklist that leads an admin from an empty install to a cloud where a tenant can
 * create a VM: zone, cluster, host, primary storage, backup storage, image, network, instance offering. Each step opens
 * the real form of that resource; a step is done when what it makes exists (so the setup resumes wherever the admin
 * left it, also in another browser), and may be skipped (remembered in this browser). While the setup runs (a cookie),
 * every page shows a way back to the checklist. The dashboard of an empty cloud points here.
 */
@Path("/admin/setup")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class SetupPages {

    static final String SKIP_COOKIE = "nubis_setup_skip";
    private static final int ONE_MONTH = 30 * 24 * 3600;
    private static final PageRequest ONE = new PageRequest(1, 1);
    private static final PageRequest MANY = new PageRequest(1, PageRequest.MAX_SIZE);

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance setup(List<Step> steps, Step next, boolean ready, boolean running);
    }

    /** One step: its key, where its form is, whether it is done or skipped. */
    public record Step(String key, String form, boolean done, boolean skipped) {

        public String labelKey() {
            return "setup_step_" + key;
        }

        public String helpKey() {
            return "setup_help_" + key;
        }
    }

    @Inject
    CallerResolver callers;
    @Inject
    PortalRequest portal;
    @Inject
    ZoneService zones;
    @Inject
    ClusterService clusters;
    @Inject
    HostService hosts;
    @Inject
    PrimaryStorageService primaryStorage;
    @Inject
    BackupStorageService backupStorage;
    @Inject
    ImageService images;
    @Inject
    L3NetworkService l3s;
    @Inject
    OfferingService offerings;

    @Action("dashboard:read")
    @GET
    public TemplateInstance checklist(@RestCookie(SKIP_COOKIE) String skipped) {
        List<Step> steps = steps(callers.caller(), skippedOf(skipped));
        Step next = steps.stream().filter(s -> !s.done() && !s.skipped()).findFirst().orElse(null);
        boolean ready = steps.stream().allMatch(Step::done);
        return Templates.setup(steps, next, ready, portal.setupActive());
    }

    @Action("dashboard:read")
    @POST
    @Path("start")
    public Response start() {
        return Response.seeOther(URI.create("/admin/setup")).cookie(cookie(PortalRequest.SETUP_COOKIE, "1", ONE_MONTH))
                .build();
    }

    @Action("dashboard:read")
    @POST
    @Path("finish")
    public Response finish() {
        return Response.seeOther(URI.create("/admin")).cookie(cookie(PortalRequest.SETUP_COOKIE, "", 0),
                cookie(SKIP_COOKIE, "", 0)).build();
    }

    @Action("dashboard:read")
    @POST
    @Path("skip")
    public Response skip(@RestForm String step, @RestForm boolean undo, @RestCookie(SKIP_COOKIE) String skipped) {
        Set<String> keys = skippedOf(skipped);
        if (KEYS.contains(step)) {
            if (undo) {
                keys.remove(step);
            } else {
                keys.add(step);
            }
        }
        return Response.seeOther(URI.create("/admin/setup"))
                .cookie(cookie(SKIP_COOKIE, String.join(".", keys), ONE_MONTH)).build();
    }

    static final List<String> KEYS = List.of("zone", "cluster", "host", "primary_storage", "backup_storage", "image",
            "network", "offering");

    List<Step> steps(Caller caller, Set<String> skipped) {
        List<Step> steps = new ArrayList<>();
        add(steps, skipped, "zone", "/admin/zones/new", () -> zones.list(caller, null, ONE).total() > 0);
        add(steps, skipped, "cluster", "/admin/clusters/new",
                () -> clusters.list(caller, null, null, ONE).total() > 0);
        add(steps, skipped, "host", "/admin/hosts/new", () -> hosts
                .list(caller, new HostFilter(null, null, null, HostStatus.Connected, null), ONE).total() > 0);
        add(steps, skipped, "primary_storage", "/admin/primary-storage/new", () -> primaryStorage
                .list(caller, null, MANY).items().stream().anyMatch(ps -> !ps.clusters().isEmpty()));
        add(steps, skipped, "backup_storage", "/admin/backup-storage/new",
                () -> backupStorage.list(caller, null, ONE).total() > 0);
        add(steps, skipped, "image", "/admin/images/new",
                () -> images.list(caller, null, ImageStatus.Ready, ONE).total() > 0);
        add(steps, skipped, "network", "/admin/l2-networks/new", () -> l3s.list(caller, null, null, MANY).items()
                .stream().anyMatch(n -> n.kind() == L3Kind.Public && n.ipTotal() > 0));
        add(steps, skipped, "offering", "/admin/offerings/new",
                () -> offerings.list(caller, null, OfferingState.Enabled, ONE).total() > 0);
        return steps;
    }

    private static void add(List<Step> steps, Set<String> skipped, String key, String form, BooleanSupplier done) {
        steps.add(new Step(key, form, done.getAsBoolean(), skipped.contains(key)));
    }

    /** The skipped steps a cookie names (dot-separated keys); unknown words are dropped. */
    static Set<String> skippedOf(String cookie) {
        Set<String> keys = new LinkedHashSet<>();
        if (cookie != null) {
            Arrays.stream(cookie.split("\\.")).filter(KEYS::contains).forEach(keys::add);
        }
        return keys;
    }

    private static NewCookie cookie(String name, String value, int maxAge) {
        return new NewCookie.Builder(name).value(value).path("/").maxAge(maxAge).httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX).build();
    }
}
