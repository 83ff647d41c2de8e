package org.fluxj.kernel.broker;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.fluxj.kernel.BrokerLog;
import org.fluxj.kernel.api.Severity;
import org.fluxj.kernel.module.ModuleHost;
import org.fluxj.kernel.module.ModuleManager;

/**
 * What {@code flux modprobe rc1} and {@code rc3} do in flux-core, done in the broker without
 * a subprocess: rc1 loads the default module set in order, then runs the executable files of
 * each {@code rc1.d} directory (the configuration directory's, then each of
 * {@code FLUX_RC_EXTRA}'s) in name order; rc3 runs the {@code rc3.d} files, then removes
 * every module loaded after the built-ins, last loaded first. As in flux modprobe, a module
 * that fails to load fails rc1 at once (nothing after it is loaded or run), unless the set
 * marks it non-fatal.
 */
final class Modprobe {
    static final String RC1 = "flux modprobe rc1";
    static final String RC3 = "flux modprobe rc3";

    private final ModuleManager modules;
    private final List<Rc1Module> rc1Modules;
    private final List<String> builtins;
    private final Path confdir;
    private final Runat runat;
    private final BrokerLog log;
    private final Function<String, Optional<String>> attr;
    private final boolean leader;

    Modprobe(ModuleManager modules, List<Rc1Module> rc1Modules, List<String> builtins, Path confdir, Runat runat,
            BrokerLog log, Function<String, Optional<String>> attr, boolean leader) {
        this.modules = modules;
        this.rc1Modules = rc1Modules;
        this.builtins = builtins;
        this.confdir = confdir;
        this.runat = runat;
        this.log = log;
        this.attr = attr;
        this.leader = leader;
    }

    /** The alternative flux-core's rc1 names "content-backing": the backing store module. */
    static final String CONTENT_BACKING = "content-backing";

    /** A module of the rc1 set; one that is not {@code fatal} may fail to load without failing rc1. */
    record Rc1Module(String name, boolean fatal) {
    }

    /**
     * The modules of the default set to load on {@code rank}, as flux-core's modprobe.toml
     * places them: an entry {@code NAME@0} is loaded on rank 0 only, an entry ending in
     * {@code ?} is non-fatal, and {@value #CONTENT_BACKING} stands for the module the
     * {@code content.backing-module} attribute names ({@code content-sqlite} if unset;
     * {@code none} loads none).
     */
    static List<Rc1Module> resolve(List<String> entries, int rank, Function<String, Optional<String>> attr) {
        List<Rc1Module> out = new ArrayList<>();
        for (String entry : entries) {
            boolean fatal = !entry.endsWith("?");
            String e = fatal ? entry : entry.substring(0, entry.length() - 1);
            String name = e;
            int at = e.indexOf('@');
            if (at >= 0) {
                name = e.substring(0, at);
                if (!e.substring(at + 1).equals(Integer.toString(rank))) {
                    continue;
                }
            }
            if (name.equals(CONTENT_BACKING)) {
                name = backingModule(attr);
                if (name.equals("none") || name.isEmpty()) {
                    continue;
                }
            }
            out.add(new Rc1Module(name, fatal));
        }
        return out;
    }

    private static String backingModule(Function<String, Optional<String>> attr) {
        return attr.apply("content.backing-module").orElse("content-sqlite");
    }

    int rc1() {
        String backing = backingModule(attr);
        Path restore = leader ? ContentDump.restoreFile(attr) : null;
        int rc = 0;
        if (restore != null && !(Files.isRegularFile(restore) && Files.isReadable(restore))) {
            // unlike flux-core, keep the content when there is nothing to replace it with
            log.log(Severity.ERR, "broker", "rc1.0: cannot restore " + restore + ": not a readable file");
            restore = null;
            rc = 1;
        }
        for (Rc1Module m : rc1Modules) {
            String name = m.name();
            boolean isBacking = name.equals(backing);
            try {
                // a restored dump replaces what the backing store held
                modules.load(name, restore != null && isBacking ? List.of("truncate") : List.of()).join();
            } catch (CompletionException e) {
                log.log(Severity.ERR, "broker", "rc1: load " + name + ": " + e.getCause().getMessage());
                if (m.fatal()) {
                    return 1;
                }
                continue;
            }
            if (restore != null && isBacking && restore(restore) != 0) {
                // as a failed modprobe task: the kvs must not start on the emptied store
                return 1;
            }
        }
        return runScripts("rc1") | rc;
    }

    /** flux-core's rc1 restore task: the dump becomes the checkpoint the kvs starts from. */
    private int restore(Path dump) {
        log.log(Severity.INFO, "broker", "rc1.0: restoring content from " + dump);
        int rc = run("rc1", List.of("flux", "restore", "--quiet", "--checkpoint", "--size-limit=100M", dump.toString()));
        ContentDump.consumeRestoreLink(attr);
        return rc;
    }

    int rc3() {
        int rc = runScripts("rc3");
        String backing = backingModule(attr);
        List<ModuleHost> loaded = new ArrayList<>(modules.list());
        Collections.reverse(loaded);
        for (ModuleHost h : loaded) {
            if (leader && h.name().equals(backing) && attr.apply("content.dump").isPresent()) {
                rc |= dump();
            }
            if (!builtins.contains(h.name())) {
                try {
                    modules.remove(h.name()).join();
                } catch (CompletionException e) {
                    log.log(Severity.ERR, "broker", "rc3: remove " + h.name() + ": " + e.getCause().getMessage());
                }
            }
        }
        return rc;
    }

    /** flux-core's rc3 content-dump task: after the kvs is gone, the last checkpoint as a dump. */
    private int dump() {
        Path file;
        try {
            file = ContentDump.dumpFile(attr);
        } catch (IOException e) {
            log.log(Severity.ERR, "broker", "rc3.0: content.dump: " + e.getMessage());
            return 1;
        }
        log.log(Severity.INFO, "broker", "rc3.0: dumping content to " + file);
        int rc = run("rc3", List.of("flux", "content", "flush"));
        if (rc == 0) {
            rc = run("rc3", List.of("flux", "dump", "--quiet", "--ignore-failed-read", "--no-cache", "--maxreqs=128",
                    "--checkpoint", file.toString()));
        }
        if (rc == 0) {
            ContentDump.linkRestore(attr, file, log);
        }
        return rc;
    }

    private int run(String phase, List<String> argv) {
        try {
            int status = runat.runLogged(phase, 0, argv);
            if (status != 0) {
                log.log(Severity.ERR, "broker", phase + ".0: " + String.join(" ", argv) + " failed with exit code " + status);
            }
            return status;
        } catch (IOException e) {
            log.log(Severity.ERR, "broker", phase + ".0: " + e.getMessage());
            return 1;
        }
    }

    private int runScripts(String phase) {
        List<Path> dirs = new ArrayList<>();
        if (confdir != null) {
            dirs.add(confdir);
        }
        String extra = System.getenv("FLUX_RC_EXTRA");
        if (extra != null) {
            for (String d : extra.split(":")) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        int rc = 0;
        for (Path dir : dirs) {
            File[] files = dir.resolve(phase + ".d").toFile().listFiles(f -> f.isFile() && f.canExecute());
            if (files == null) {
                continue;
            }
            Arrays.sort(files);
            for (File f : files) {
                log.log(Severity.INFO, "broker", phase + ".0: running " + f);
                try {
                    int status = runat.runLogged(phase, 0, List.of(f.getPath()));
                    if (status != 0) {
                        log.log(Severity.ERR, "broker", phase + ".0: " + f + " failed with exit code " + status);
                        rc = 1;
                    }
                } catch (IOException e) {
                    log.log(Severity.ERR, "broker", phase + ".0: Cannot execute " + f + ": " + e.getMessage());
                    rc = 1;
                }
            }
        }
        return rc;
    }
}
