package org.fluxj.job.ingest.api;

/** What a plugin class's {@link JobPlugin} declares, for plugins found without DS. */
public final class JobPlugins {
    private JobPlugins() {
    }

    /** The name a plugin class declares. */
    public static String nameOf(Object plugin) {
        return declared(plugin).name();
    }

    /** The description a plugin class declares. */
    public static String descriptionOf(Object plugin) {
        return declared(plugin).description();
    }

    private static JobPlugin declared(Object plugin) {
        JobPlugin n = plugin.getClass().getAnnotation(JobPlugin.class);
        if (n == null) {
            throw new IllegalStateException(plugin.getClass().getName() + " declares no @JobPlugin");
        }
        return n;
    }
}
