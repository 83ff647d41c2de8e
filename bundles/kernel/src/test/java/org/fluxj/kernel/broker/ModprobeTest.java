package org.fluxj.kernel.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rc1 module set: rank-0-only entries, the backing store alternative, non-fatal entries. */
class ModprobeTest {

    @Test
    void entriesResolvedForARank() {
        List<String> set = List.of("content", "heartbeat?", "content-backing@0", "kvs", "extra@0?");
        Map<String, String> attrs = Map.of("content.backing-module", "content-files");
        assertEquals(List.of(new Modprobe.Rc1Module("content", true), new Modprobe.Rc1Module("heartbeat", false),
                new Modprobe.Rc1Module("content-files", true), new Modprobe.Rc1Module("kvs", true),
                new Modprobe.Rc1Module("extra", false)),
                Modprobe.resolve(set, 0, k -> Optional.ofNullable(attrs.get(k))));
        assertEquals(List.of(new Modprobe.Rc1Module("content", true), new Modprobe.Rc1Module("heartbeat", false),
                new Modprobe.Rc1Module("kvs", true)), Modprobe.resolve(set, 1, k -> Optional.empty()));
        assertEquals(List.of(new Modprobe.Rc1Module("content", true), new Modprobe.Rc1Module("heartbeat", false),
                new Modprobe.Rc1Module("kvs", true)),
                Modprobe.resolve(set.subList(0, 4), 0, k -> Optional.of("none")));
    }
}
