package org.fluxj.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.felix.framework.Felix;
import org.fluxj.kernel.api.FluxModule;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * {@code flux broker}: boots an embedded Felix with exactly the bundles {@code -runbundles}
 * of {@code cnf/broker.bndrun} lists, installed by reference from the launcher's bundle
 * directory, passes the command line to the kernel as framework properties, and exits with
 * the status the kernel reports through an {@link IntConsumer} service.
 */
public final class Main {
    /** A compile-time constant: inlined, so the launcher needs no kernel class at run time. */
    private static final String MODULE_HEADER = FluxModule.HEADER;

    private Main() {
    }

    public static void main(String[] argv) throws Exception {
        BrokerArgs args;
        try {
            args = BrokerArgs.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println("flux-broker: " + e.getMessage());
            System.err.print(BrokerArgs.USAGE);
            System.exit(1);
            return;
        }
        if (args.help) {
            System.out.print(BrokerArgs.USAGE);
            System.exit(0);
        }
        System.exit(run(args));
    }

    static int run(BrokerArgs args) throws Exception {
        Path home = Path.of(System.getProperty("fluxj.home", ".")).toAbsolutePath().normalize();
        Path bundleDir = Path.of(System.getProperty("fluxj.bundles",
                home.resolve("bundles/launcher/target/bundles").toString()));
        RunDescriptor run = RunDescriptor.read(Path.of(System.getProperty("fluxj.bndrun",
                home.resolve("cnf/broker.bndrun").toString())));
        Map<String, Path> jars = bySymbolicName(bundleDir);

        Path cache = Files.createTempDirectory("fluxj-felix-");
        Map<String, String> config = new HashMap<>(run.runproperties());
        config.put(Constants.FRAMEWORK_STORAGE, cache.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "jdk.net");
        config.put("felix.log.level", "1");
        config.put("fluxj.home", home.toString());
        config.put("fluxj.module-dir", bundleDir.toString());
        config.put("fluxj.broker.setattr", jsonArray(args.setattr));
        config.put("fluxj.broker.verbose", Integer.toString(args.verbose));
        // flux-core's broker: -c, else FLUX_CONF_DIR
        String configPath = args.configPath != null ? args.configPath : System.getenv("FLUX_CONF_DIR");
        if (configPath != null) {
            config.put("fluxj.broker.config-path", configPath);
        }
        config.put("fluxj.broker.conf", jsonArray(args.conf));
        if (args.program != null) {
            config.put("fluxj.broker.program", jsonArray(args.program));
        }
        String boot = System.getenv("FLUXJ_BOOT_METHOD");
        if (boot != null) {
            config.put("fluxj.boot-method", boot);
        }

        Framework fw = new Felix(config);
        AtomicInteger status = new AtomicInteger(1);
        CountDownLatch exited = new CountDownLatch(1);
        AtomicBoolean done = new AtomicBoolean();
        try {
            fw.init();
            BundleContext bc = fw.getBundleContext();
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("fluxj.service", "exit");
            bc.registerService(IntConsumer.class, code -> {
                status.set(code);
                exited.countDown();
            }, props);
            List<Bundle> toStart = new ArrayList<>();
            for (String bsn : run.runbundles()) {
                Path jar = jars.get(bsn);
                if (jar == null) {
                    System.err.println("flux-broker: bundle " + bsn + " is not in " + bundleDir);
                    return 1;
                }
                Bundle b = bc.installBundle("reference:" + jar.toUri());
                if (b.getHeaders().get(MODULE_HEADER) == null && b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    toStart.add(b);
                }
            }
            fw.start();
            for (Bundle b : toStart) {
                b.start();
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (!done.get()) {
                    terminate(fw, exited);
                }
            }));
            exited.await();
            // the kernel has unloaded every module: no need to stop the framework bundle by bundle
            done.set(true);
            return status.get();
        } finally {
            if (!done.get()) {
                stop(fw);
            }
            deleteTree(cache);
        }
    }

    /**
     * SIGTERM or SIGINT: ask the kernel to shut the instance down (rc3, module unload) and
     * give it a while before the framework is stopped under it.
     */
    private static void terminate(Framework fw, CountDownLatch exited) {
        if (exited.getCount() > 0) {
            try {
                BundleContext bc = fw.getBundleContext();
                var refs = bc == null ? null
                        : bc.getServiceReferences(Runnable.class, "(fluxj.service=terminate)");
                if (refs != null && !refs.isEmpty()) {
                    bc.getService(refs.iterator().next()).run();
                    exited.await(10, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                // stop the framework anyway
            }
        }
        stop(fw);
    }

    private static void stop(Framework fw) {
        try {
            if ((fw.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                fw.stop();
                fw.waitForStop(10_000);
            }
        } catch (Exception e) {
            // exiting anyway
        }
    }

    /** Every jar of the directory, by its Bundle-SymbolicName (directives stripped). */
    static Map<String, Path> bySymbolicName(Path dir) throws IOException {
        Map<String, Path> out = new HashMap<>();
        File[] files = dir.toFile().listFiles((d, n) -> n.endsWith(".jar"));
        if (files == null) {
            throw new IOException(dir + ": no bundle directory (run './mvnw -DskipTests package')");
        }
        for (File f : files) {
            try (JarFile j = new JarFile(f)) {
                var mf = j.getManifest();
                String bsn = mf == null ? null : mf.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
                if (bsn != null) {
                    out.put(bsn.split(";")[0].strip(), f.toPath());
                }
            }
        }
        return out;
    }

    static String jsonArray(List<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (String s : items) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"');
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\t' -> sb.append("\\t");
                    case '\r' -> sb.append("\\r");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }
        return sb.append(']').toString();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
