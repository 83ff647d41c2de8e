package org.fluxj.rexec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fluxj.formats.proc.DefaultSignals;
import org.junit.jupiter.api.Test;

/** The wait for a child's helpers, which a server ignoring signals makes before it reports "started". */
class LauncherTest {

    @Test
    void awaitProgramReturnsOnceTheProgramRunsPastItsHelpers() throws Exception {
        String setsid = Launcher.findSetsid();
        assumeTrue(setsid != null, "no setsid(1)");
        assumeFalse(DefaultSignals.prefix().isEmpty(), "env(1) has no --default-signal");
        List<String> argv = new ArrayList<>(List.of(setsid));
        argv.addAll(DefaultSignals.command(List.of("/bin/sleep", "1000")));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        LaunchPlan plan = new LaunchPlan(pb, true, argv.size() - 2, null, false, false, false, null, null, null);
        Process p = Launcher.start(plan);
        try {
            Launcher.awaitProgram(p, plan);
            String cmdline = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"),
                    StandardCharsets.UTF_8);
            assertEquals("/bin/sleep\0" + "1000\0", cmdline);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void awaitProgramReturnsWhenTheHelperFails() throws Exception {
        assumeFalse(DefaultSignals.prefix().isEmpty(), "env(1) has no --default-signal");
        List<String> argv = DefaultSignals.command(List.of("/nonexistent/program"));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        LaunchPlan plan = new LaunchPlan(pb, false, argv.size() - 1, null, false, false, false, null, null, null);
        Process p = Launcher.start(plan);
        Launcher.awaitProgram(p, plan);
        assertEquals(127, p.waitFor());
    }
}
