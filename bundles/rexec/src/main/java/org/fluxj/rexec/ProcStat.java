package org.fluxj.rexec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux's {@code /proc/PID/stat} tells of a process that Java does not. */
final class ProcStat {
    private ProcStat() {
    }

    /** The process group of {@code pid}, or -1 if it cannot be read (the process is gone). */
    static int pgrp(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
            // pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 4);
            return Integer.parseInt(f[2]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
