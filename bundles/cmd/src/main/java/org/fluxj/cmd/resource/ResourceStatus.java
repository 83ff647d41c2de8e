package org.fluxj.cmd.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.hostlist.Hostlist;
import org.fluxj.formats.idset.IdSet;
import org.fluxj.formats.rset.ResourceSet;

/**
 * A {@code resource.status} response and the rank sets flux-core's ResourceStatus derives from
 * it: drained (drained and not allocated; nothing is allocated until there is a scheduler),
 * avail (neither excluded, drained nor torpid).
 */
final class ResourceStatus {
    /** Why and since when a rank is drained. */
    record Drain(double timestamp, String reason) {
    }

    final ResourceSet r;
    final IdSet all;
    final IdSet online;
    final IdSet offline;
    final IdSet exclude;
    final IdSet torpid;
    final IdSet drained = new IdSet();
    final IdSet avail;
    final Map<Integer, Drain> drains = new TreeMap<>();

    ResourceStatus(JsonNode o) throws FormatException {
        r = ResourceSet.fromJson(o.path("R"));
        all = r.ranks();
        online = ids(o, "online");
        offline = ids(o, "offline");
        exclude = ids(o, "exclude");
        torpid = ids(o, "torpid");
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("drain").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            Drain d = new Drain(e.getValue().path("timestamp").asDouble(), e.getValue().path("reason").asText(""));
            for (int rank : IdSet.decode(e.getKey())) {
                drains.put(rank, d);
                drained.set(rank);
            }
        }
        avail = all.difference(exclude).difference(drained).difference(torpid);
    }

    private static IdSet ids(JsonNode o, String key) throws FormatException {
        return IdSet.decode(o.path(key).asText(""));
    }

    /** The hostnames of {@code ranks}, in rank order, as a hostlist. */
    String nodelist(IdSet ranks) {
        return r.copyRanks(ranks).nodelist().map(Hostlist::encode).orElse("");
    }
}
