package org.fluxj.cmd.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.cmd.Argparse;
import org.fluxj.cmd.CommandException;
import org.fluxj.client.FluxException;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.rset.ResourceSet;

/**
 * What the {@code flux resource} subcommands share: the rank 0 RPCs they make, failures in
 * flux-resource's words ({@code ERROR: [Errno 22] idset is out of range}), and {@code -o}
 * formats.
 */
abstract class AbstractResourceCommand extends AbstractCommand implements Argparse {
    /** A rank 0 RPC; a failure ends the command as {@code ERROR: [Errno N] text}. */
    JsonNode rpc0(String topic, JsonNode payload) {
        try {
            return handle().rpcGetJson(topic, payload, 0);
        } catch (FluxException e) {
            throw new CommandException("ERROR: [Errno " + e.errnum() + "] " + e.getMessage());
        } catch (IOException e) {
            throw new CommandException("ERROR: " + e.getMessage());
        }
    }

    /** The resource module's status, read once. */
    ResourceStatus status() {
        try {
            return new ResourceStatus(rpc0("resource.status", null));
        } catch (FormatException e) {
            throw new CommandException("ERROR: resource.status: " + e.getMessage());
        }
    }

    /**
     * The scheduler's view (resource.sched-status) by state: all, down, allocated, and free
     * (all less down and allocated), as flux-core's ResourceList.
     */
    Map<String, ResourceSet> schedStatus() {
        JsonNode o = rpc0("resource.sched-status", null);
        try {
            Map<String, ResourceSet> m = new LinkedHashMap<>();
            ResourceSet all = ResourceSet.fromJson(o.path("all"));
            ResourceSet down = ResourceSet.fromJson(o.path("down"));
            ResourceSet allocated = ResourceSet.fromJson(o.path("allocated"));
            m.put("free", all.diff(down).diff(allocated));
            m.put("allocated", allocated);
            m.put("down", down);
            m.put("all", all);
            return m;
        } catch (FormatException e) {
            throw new CommandException("ERROR: resource.sched-status: " + e.getMessage());
        }
    }

    /** The union of the sets {@code -s} names (comma-separated), each checked. */
    ResourceSet union(Map<String, ResourceSet> sets, String states) {
        ResourceSet r = ResourceSet.empty();
        for (String s : states.split(",")) {
            ResourceSet one = sets.get(s);
            if (one == null) {
                throw new CommandException("ERROR: Invalid resource state " + s + " specified");
            }
            r = r.union(one);
        }
        return r;
    }

    static Map<String, String> headings(String... fieldThenHeading) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < fieldThenHeading.length; i += 2) {
            m.put(fieldThenHeading[i], fieldThenHeading[i + 1]);
        }
        return m;
    }
}
