package org.fluxj.content.sqlite;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.fluxj.content.api.BackingStore;
import org.fluxj.content.api.ContentException;
import org.fluxj.content.spi.BackingModule;
import org.fluxj.formats.conf.ConfigKeyException;
import org.fluxj.formats.conf.ConfigTable;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.FluxModule;
import org.fluxj.kernel.api.ModuleArgs;
import org.fluxj.kernel.api.Severity;
import org.osgi.service.component.annotations.Component;

/**
 * The content-sqlite module (flux-core src/modules/content-sqlite): the {@code content-backing}
 * service in {@code statedir/content.sqlite}. Settings as flux-core's: {@code [content-sqlite]
 * journal_mode, synchronous, max_checkpoints} in the configuration, or the load arguments
 * {@code journal_mode=}, {@code synchronous=}, {@code max-checkpoints=}, {@code truncate} (start empty,
 * the old database kept as {@code content.sqlite.old} until the first checkpoint).
 * Defaults are WAL and synchronous=FULL (flux-core: NORMAL); with a temporary statedir
 * ({@code statedir-cleanup=1}) synchronous=OFF, which still survives a killed broker but not
 * a crashed machine, and the directory is removed at exit anyway.
 */
@FluxModule("content-sqlite")
@Component(service = BrokerModule.class)
public final class ContentSqlite extends BackingModule {

    /** What {@code [content-sqlite]} sets; absent keys are null. */
    record Settings(String journalMode, SqliteStore.Synchronous synchronous, Integer maxCheckpoints) {
    }

    /**
     * {@code [content-sqlite]} as flux-core's process_config checks it: {@code journal_mode} and
     * {@code synchronous} among SQLite's values, {@code max_checkpoints} positive; no other key.
     */
    static Settings settings(JsonNode config) throws ConfigKeyException {
        ConfigTable t = ConfigTable.of(config, "content-sqlite").allowOnly("journal_mode", "synchronous", "max_checkpoints");
        String journal = t.string("journal_mode");
        if (journal != null && !SqliteStore.Options.JOURNAL_MODES.contains(journal)) {
            throw new ConfigKeyException(t.key("journal_mode"), "invalid journal_mode config");
        }
        String sync = t.string("synchronous");
        Integer max = null;
        if (t.has("max_checkpoints")) {
            long n = t.integer("max_checkpoints", 0, Long.MIN_VALUE, Long.MAX_VALUE);
            if (n <= 0 || n > Integer.MAX_VALUE) {
                throw new ConfigKeyException(t.key("max_checkpoints"), "invalid max_checkpoints config");
            }
            max = (int) n;
        }
        try {
            return new Settings(journal, sync == null ? null : SqliteStore.Synchronous.valueOf(sync), max);
        } catch (IllegalArgumentException e) {
            throw new ConfigKeyException(t.key("synchronous"), "invalid synchronous config");
        }
    }

    @Override
    protected void checkConfig(JsonNode config) throws ConfigKeyException {
        settings(config);
    }

    @Override
    protected BackingStore open(Path statedir, BlobRef.Algorithm algorithm, boolean cleanup, JsonNode config,
            List<String> args) throws ContentException, ConfigKeyException {
        SqliteStore.Options o = SqliteStore.Options.defaults(algorithm);
        if (cleanup) {
            o = o.withSynchronous(SqliteStore.Synchronous.OFF);
        }
        Settings conf = settings(config);
        if (conf.synchronous() != null) {
            o = o.withSynchronous(conf.synchronous());
        }
        if (conf.journalMode() != null) {
            o = o.withJournalMode(conf.journalMode());
        }
        if (conf.maxCheckpoints() != null) {
            o = o.withMaxCheckpoints(conf.maxCheckpoints());
        }
        ModuleArgs a = ModuleArgs.parse(name(), args, "journal_mode=", "synchronous=", "max-checkpoints=", "truncate");
        if (a.has("journal_mode")) {
            String journal = a.value("journal_mode").get();
            if (!SqliteStore.Options.JOURNAL_MODES.contains(journal)) {
                throw new IllegalArgumentException("content-sqlite: invalid journal_mode '" + journal + "'");
            }
            o = o.withJournalMode(journal);
        }
        if (a.has("synchronous")) {
            String sync = a.value("synchronous").get();
            try {
                o = o.withSynchronous(SqliteStore.Synchronous.valueOf(sync));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("content-sqlite: invalid synchronous '" + sync + "'");
            }
        }
        if (a.has("max-checkpoints")) {
            int max;
            try {
                max = Integer.parseInt(a.value("max-checkpoints").get());
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max <= 0) {
                throw new IllegalArgumentException("content-sqlite: invalid max-checkpoints specified");
            }
            o = o.withMaxCheckpoints(max);
        }
        o = o.withTruncate(a.has("truncate"));
        SqliteStore store = SqliteStore.open(statedir, o);
        ctx.log(Severity.DEBUG, "%s journal_mode=%s synchronous=%s", store.file(), o.journalMode(), o.synchronous());
        return store;
    }
}
