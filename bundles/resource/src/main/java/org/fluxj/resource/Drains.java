package org.fluxj.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.eventlog.EventlogEntry;
import org.fluxj.formats.idset.IdSet;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.kernel.api.RequestException;

/**
 * Which ranks are drained, since when and why (flux-core's drain.c draininfo). Changed only by
 * {@link #apply}, for a new drain/undrain event and for one replayed from {@code resource.eventlog}
 * at load, so that the state after a restart is the state the eventlog says.
 */
final class Drains {
    /** A drained rank: when, and why (null for no reason). */
    record Info(double timestamp, String reason) {
    }

    private final TreeMap<Integer, Info> drained = new TreeMap<>();

    /** Applies a drain or undrain event; other events are ignored. */
    void apply(EventlogEntry e) throws FormatException {
        if (!e.name().equals("drain") && !e.name().equals("undrain")) {
            return;
        }
        JsonNode ctx = e.context();
        JsonNode idset = ctx == null ? null : ctx.get("idset");
        if (idset == null || !idset.isTextual()) {
            throw new FormatException(e.name() + " event: missing idset");
        }
        IdSet ids = IdSet.decode(idset.asText());
        if (e.name().equals("undrain")) {
            ids.forEach(drained::remove);
            return;
        }
        JsonNode reason = ctx.get("reason");
        int overwrite = ctx.path("overwrite").asInt(0);
        for (int rank : ids) {
            drain(rank, e.timestamp(), reason == null || !reason.isTextual() ? null : reason.asText(), overwrite);
        }
    }

    /** draininfo_drain_rank: a reasoned drain stays unless overwritten; 2 also resets the time. */
    private void drain(int rank, double timestamp, String reason, int overwrite) {
        Info old = drained.get(rank);
        if (overwrite == 0 && old != null && old.reason() != null) {
            return;
        }
        double ts = old == null || overwrite == 2 ? timestamp : old.timestamp();
        drained.put(rank, new Info(ts, reason));
    }

    boolean isDrained(int rank) {
        return drained.containsKey(rank);
    }

    Info info(int rank) {
        return drained.get(rank);
    }

    IdSet ranks() {
        IdSet ids = new IdSet();
        drained.keySet().forEach(ids::set);
        return ids;
    }

    /**
     * Refuses to drain ranks already drained with a reason (EEXIST) or excluded (EINVAL), unless
     * {@code overwrite} or update mode, in flux-core's words.
     */
    void checkDrain(IdSet ids, IdSet exclude) throws RequestException {
        IdSet bad = new IdSet();
        boolean wasDrained = false;
        boolean wasExcluded = false;
        for (int rank : ids) {
            Info i = drained.get(rank);
            boolean d = i != null && i.reason() != null;
            boolean x = exclude.contains(rank);
            wasDrained |= d;
            wasExcluded |= x;
            if (d || x) {
                bad.set(rank);
            }
        }
        if (!bad.isEmpty()) {
            String what = (wasDrained ? "already drained" : "") + (wasDrained && wasExcluded ? " or " : "")
                    + (wasExcluded ? "excluded" : "");
            throw new RequestException(wasDrained ? Errno.EEXIST : Errno.EINVAL,
                    "rank" + (bad.count() > 1 ? "s " : " ") + bad.encode(IdSet.Flag.RANGE) + " " + what);
        }
    }

    /** Refuses to undrain ranks that are not drained (EEXIST), as undrain_idset_check. */
    void checkUndrain(IdSet ids) throws RequestException {
        IdSet bad = ids.difference(ranks());
        if (!bad.isEmpty()) {
            throw new RequestException(Errno.EEXIST,
                    "rank" + (bad.count() > 1 ? "s " : " ") + bad.encode(IdSet.Flag.RANGE) + " not drained");
        }
    }

    /**
     * The {@code drain} object of {@code resource.status}: ranks sharing a timestamp (whole
     * seconds) and a reason under one idset key, as flux-core's drainset.
     */
    ObjectNode toJson() {
        Map<Info, IdSet> groups = new LinkedHashMap<>();
        drained.forEach((rank, i) -> groups.computeIfAbsent(
                new Info(Math.round(i.timestamp()), Objects.requireNonNullElse(i.reason(), "")),
                k -> new IdSet()).set(rank));
        ObjectNode o = Json.object();
        groups.forEach((i, ids) -> {
            ObjectNode v = o.putObject(ids.encode(IdSet.Flag.RANGE));
            v.put("timestamp", i.timestamp());
            v.put("reason", i.reason());
        });
        return o;
    }
}
