package org.fluxj.content.sqlite;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.fluxj.content.api.BackingStore;
import org.fluxj.content.api.ContentException;
import org.fluxj.content.spi.BackingModule;
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

    @Override
    protected BackingStore open(Path statedir, BlobRef.Algorithm algorithm, boolean cleanup, JsonNode config,
            List<String> args) throws ContentException {
        SqliteStore.Options o = SqliteStore.Options.defaults(algorithm);
        if (cleanup) {
            o = o.withSynchronous(SqliteStore.Synchronous.OFF);
        }
        String journal = configString(config, "content-sqlite", "journal_mode");
        String sync = configString(config, "content-sqlite", "synchronous");
        JsonNode max = config.path("content-sqlite").path("max_checkpoints");
        int maxCheckpoints = max.isMissingNode() ? o.maxCheckpoints() : max.asInt(-1);
        ModuleArgs a = ModuleArgs.parse(name(), args, "journal_mode=", "synchronous=", "max-checkpoints=", "truncate");
        journal = a.value("journal_mode").orElse(journal);
        sync = a.value("synchronous").orElse(sync);
        if (a.has("max-checkpoints")) {
            try {
                maxCheckpoints = Integer.parseInt(a.value("max-checkpoints").get());
            } catch (NumberFormatException e) {
                maxCheckpoints = -1;
            }
            if (maxCheckpoints <= 0) {
                throw new IllegalArgumentException("content-sqlite: invalid max-checkpoints specified");
            }
        }
        boolean truncate = a.has("truncate");
        if (maxCheckpoints <= 0) {
            throw new IllegalArgumentException("content-sqlite: invalid max_checkpoints config");
        }
        if (sync != null) {
            try {
                o = o.withSynchronous(SqliteStore.Synchronous.valueOf(sync));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("content-sqlite: invalid synchronous '" + sync + "'");
            }
        }
        if (journal != null) {
            try {
                o = o.withJournalMode(journal);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("content-sqlite: invalid journal_mode '" + journal + "'");
            }
        }
        o = o.withMaxCheckpoints(maxCheckpoints).withTruncate(truncate);
        SqliteStore store = SqliteStore.open(statedir, o);
        ctx.log(Severity.DEBUG, "%s journal_mode=%s synchronous=%s", store.file(), o.journalMode(), o.synchronous());
        return store;
    }
}
