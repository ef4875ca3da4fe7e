package io.nubis.driver.kvm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses what virsh prints (run with {@code LC_ALL=C}, so state names are not translated). */
final class VirshOutput {

    /** A row of {@code virsh list --all}: id (or {@code -}), name, state (may contain a space). */
    private static final Pattern LIST_ROW = Pattern.compile("^\\s*(\\d+|-)\\s+(\\S+)\\s+(\\S.*?)\\s*$");

    private VirshOutput() {
    }

    /**
     * The Nubis domains in the table {@code virsh list --all} prints (with or without {@code -q}'s header), by VM id.
     * Other domains are skipped; a Nubis domain in a state this parser does not know is an error, so a new libvirt
     * state never silently turns into a wrong power state.
     */
    static Map<String, DomainState> parseList(String table) {
        Map<String, DomainState> vms = new LinkedHashMap<>();
        for (String line : table.split("\n")) {
            Matcher m = LIST_ROW.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String vmId = DomainNames.vmIdOf(m.group(2));
            if (vmId == null) {
                continue;
            }
            DomainState state = DomainState.parse(m.group(3));
            if (state == null) {
                throw new IllegalArgumentException("unknown state '" + m.group(3) + "' of domain " + m.group(2)
                        + " in virsh list output");
            }
            vms.put(vmId, state);
        }
        return vms;
    }

    /**
     * {@code virsh domblklist} output (a header, a dashed line, then "target source" rows) as target -> source; a
     * device without a medium ("-") is left out.
     */
    static Map<String, String> parseBlockList(String table) {
        Map<String, String> disks = new LinkedHashMap<>();
        for (String line : table.split("\n")) {
            String[] cols = line.strip().split("\\s+", 2);
            if (cols.length != 2 || cols[0].equals("Target") || cols[0].startsWith("---") || cols[1].equals("-")) {
                continue;
            }
            disks.put(cols[0], cols[1].strip());
        }
        return disks;
    }

    /** The state {@code virsh domstate} printed (its first non-blank line). */
    static DomainState parseDomstate(String out) {
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                DomainState s = DomainState.parse(line);
                if (s == null) {
                    throw new IllegalArgumentException("unknown state '" + line.strip() + "' from virsh domstate");
                }
                return s;
            }
        }
        throw new IllegalArgumentException("virsh domstate printed nothing");
    }
}
