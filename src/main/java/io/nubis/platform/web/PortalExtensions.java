package io.nubis.platform.web;

import io.nubis.platform.Page;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Small formatting helpers for portal templates: badges, pagination windows, times and sizes. */
@TemplateExtension
public class PortalExtensions {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private PortalExtensions() {
    }

    /** Bootstrap colour of a state, status or result badge. */
    static String badgeClass(Enum<?> value) {
        return switch (value.name()) {
            case "Enabled", "Connected", "Succeeded", "SUCCESS", "Ready", "Resolved" -> "success";
            case "Disabled", "Pending", "Dismissed" -> "secondary";
            case "Connecting", "Running", "ACCEPTED", "Downloading", "Creating", "Retrying", "Reverting", "Copying" ->
                "primary";
            case "PreMaintenance", "Maintenance", "RollingBack", "RolledBack" -> "warning";
            case "Disconnected", "Deleting", "Failed", "FAILURE", "DENIED", "Error", "Open" -> "danger";
            default -> "light";
        };
    }

    /** Message key of a state, status or result constant: {@code value_<name>}. */
    static String labelKey(Enum<?> value) {
        return "value_" + value.name();
    }

    /** Page numbers to link around the current one; 0 stands for a gap. */
    static List<Integer> window(Page<?> page) {
        int pages = page.pages();
        int current = page.page();
        List<Integer> out = new ArrayList<>();
        for (int n = 1; n <= pages; n++) {
            if (n == 1 || n == pages || Math.abs(n - current) <= 2) {
                out.add(n);
            } else if (!out.isEmpty() && out.get(out.size() - 1) != 0) {
                out.add(0);
            }
        }
        return out;
    }

    static int previousPage(Page<?> page) {
        return Math.max(1, page.page() - 1);
    }

    static int nextPage(Page<?> page) {
        return Math.min(page.pages(), page.page() + 1);
    }

    /** First and last item number shown on this page (1-based), for "11-20 of 57". */
    static long firstItem(Page<?> page) {
        return page.total() == 0 ? 0 : (long) (page.page() - 1) * page.size() + 1;
    }

    static long lastItem(Page<?> page) {
        return Math.min(page.total(), (long) page.page() * page.size());
    }

    /**
     * A moment for people (issue 13): {@code <time datetime="ISO-8601">} with the UTC text; the portal's script
     * ({@code nubis.js}) shows it in the browser's time zone and keeps the UTC text as the tooltip. Only server-made
     * instants reach it, so the markup is safe unescaped.
     */
    static RawString time(Instant at) {
        return at == null
                ? new RawString("")
                : new RawString("<time datetime=\"" + at + "\" data-local>" + TIME.format(at) + "</time>");
    }

    /** The URL of this page of a list: its base (path, filters, sort; ends in ? or &) with page and size. */
    static String at(Page<?> page, String base) {
        return base + "page=" + page.page() + "&size=" + page.size();
    }

    /** A list's descending sort key for a column: {@code name} -> {@code -name} (the sortLink tag). */
    static String descending(String column) {
        return "-" + column;
    }

    /** Bytes as a short human size: {@code 512 B}, {@code 14.1 MiB}, {@code 252 GiB}. */
    static String bytes(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = 0;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (u == 0 || v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v)) + " "
                + units[u];
    }

    /** MiB as a short human size: {@code 512 MiB}, {@code 128 GiB}. */
    static String mib(long mib) {
        if (mib < 1024) {
            return mib + " MiB";
        }
        double gib = mib / 1024.0;
        return (gib == Math.rint(gib) ? String.valueOf((long) gib) : String.format(Locale.ROOT, "%.1f", gib))
                + " GiB";
    }
}
