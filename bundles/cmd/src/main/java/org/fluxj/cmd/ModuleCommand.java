package org.fluxj.cmd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fluxj.client.FluxException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import picocli.CommandLine.Command;

/**
 * {@code flux module}: list, load, remove, reload, stats and debug (flux-core src/cmd/flux-module.c).
 * Without a subcommand the usage is shown and the status is 1.
 */
@Command(name = "module",
        synopsisSubcommandLabel = "COMMAND",
        description = "Manage broker modules.")
final class ModuleCommand extends FamilyCommand {
    @Override
    Map<String, Class<?>> subcommands() {
        return table("list", ModuleListCommand.class,
                "load", ModuleLoadCommand.class,
                "remove", ModuleRemoveCommand.class,
                "reload", ModuleReloadCommand.class,
                "stats", ModuleStatsCommand.class,
                "debug", ModuleDebugCommand.class);
    }

    /** canonicalize_if_path: a module given by path is sent as an absolute path. */
    static String canonical(String module) {
        return module.indexOf('/') >= 0 ? Path.of(module).toAbsolutePath().normalize().toString() : module;
    }

    static void load(FluxCommand cmd, String module, List<String> args) {
        ObjectNode o = Json.object();
        o.put("path", canonical(module));
        ArrayNode a = o.putArray("args");
        args.forEach(a::add);
        o.put("exec", false);
        cmd.rpcNoPayload("load " + module, "module.load", o);
    }

    /** module.remove; with {@code force}, a module that is not loaded is no error. */
    static void remove(FluxCommand cmd, String module, boolean force) {
        ObjectNode o = Json.object();
        o.put("name", canonical(module));
        o.put("cancel", false);
        try {
            cmd.rpcNoPayload("remove " + module, "module.remove", o);
        } catch (CommandException e) {
            if (!(force && e.getMessage().endsWith(Errno.ENOENT.message()))) {
                throw e;
            }
        }
    }

    static boolean isNoEntry(Throwable e) {
        return e instanceof FluxException f && f.is(Errno.ENOENT);
    }
}
