package org.fluxj.kernel.module;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fluxj.formats.json.Json;

/**
 * getrusage(2) for a module's {@code NAME.rusage} method, read from /proc because Java has no
 * getrusage: {@code self} is the broker process, {@code children} its waited-for children,
 * {@code thread} the module's own thread (its CPU time; the rest of its fields are the
 * process's). Fields and units are flux-core's: seconds for times, KiB for maxrss.
 */
final class Rusage {
    // /proc/PID/stat fields (1-based, man proc(5)) and the kernel's clock tick
    private static final int MINFLT = 10;
    private static final int CMINFLT = 11;
    private static final int MAJFLT = 12;
    private static final int CMAJFLT = 13;
    private static final int UTIME = 14;
    private static final int STIME = 15;
    private static final int CUTIME = 16;
    private static final int CSTIME = 17;
    private static final double TICK = 100.0;

    private Rusage() {
    }

    /** The rusage object for {@code who} (self, children or thread); null for another who. */
    static ObjectNode of(String who) throws IOException {
        boolean children = who.equals("children");
        if (!children && !who.equals("self") && !who.equals("thread")) {
            return null;
        }
        String[] stat = stat();
        ObjectNode o = Json.object();
        if (who.equals("thread")) {
            var threads = ManagementFactory.getThreadMXBean();
            o.put("utime", threads.getCurrentThreadUserTime() / 1e9);
            o.put("stime", (threads.getCurrentThreadCpuTime() - threads.getCurrentThreadUserTime()) / 1e9);
        } else {
            o.put("utime", Long.parseLong(stat[children ? CUTIME : UTIME]) / TICK);
            o.put("stime", Long.parseLong(stat[children ? CSTIME : STIME]) / TICK);
        }
        o.put("maxrss", children ? 0 : status("VmHWM"));
        for (String zero : new String[] {"ixrss", "idrss", "isrss"}) {
            o.put(zero, 0);
        }
        o.put("minflt", Long.parseLong(stat[children ? CMINFLT : MINFLT]));
        o.put("majflt", Long.parseLong(stat[children ? CMAJFLT : MAJFLT]));
        for (String zero : new String[] {"nswap", "inblock", "oublock", "msgsnd", "msgrcv", "nsignals"}) {
            o.put(zero, 0);
        }
        o.put("nvcsw", children ? 0 : status("voluntary_ctxt_switches"));
        o.put("nivcsw", children ? 0 : status("nonvoluntary_ctxt_switches"));
        return o;
    }

    /** /proc/self/stat split so that field N is at index N (the command name may hold spaces). */
    private static String[] stat() throws IOException {
        String s = Files.readString(Path.of("/proc/self/stat"));
        String rest = s.substring(s.lastIndexOf(')') + 2);
        String[] after = rest.split(" ");
        String[] fields = new String[after.length + 3];
        System.arraycopy(after, 0, fields, 3, after.length);
        return fields;
    }

    /** A number from /proc/self/status ("VmHWM:   123 kB" is 123). */
    private static long status(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).strip().split("\\s+")[0]);
            }
        }
        return 0;
    }
}
