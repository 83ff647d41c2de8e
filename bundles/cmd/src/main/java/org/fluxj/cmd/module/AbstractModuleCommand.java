package org.fluxj.cmd.module;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.cmd.CommandException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;

/** A {@code flux module} subcommand that loads or removes modules (module.load, module.remove). */
abstract class AbstractModuleCommand extends AbstractCommand {

    /** canonicalize_if_path: a module given by path is sent as an absolute path. */
    private static String canonical(String module) {
        return module.indexOf('/') >= 0 ? Path.of(module).toAbsolutePath().normalize().toString() : module;
    }

    protected void load(String module, List<String> args) {
        ObjectNode o = Json.object();
        o.put("path", canonical(module));
        ArrayNode a = o.putArray("args");
        args.forEach(a::add);
        o.put("exec", false);
        rpcNoPayload("load " + module, "module.load", o);
    }

    /** module.remove; with {@code force}, a module that is not loaded is no error. */
    protected void remove(String module, boolean force) {
        ObjectNode o = Json.object();
        o.put("name", canonical(module));
        o.put("cancel", false);
        try {
            rpcNoPayload("remove " + module, "module.remove", o);
        } catch (CommandException e) {
            if (!(force && e.getMessage().endsWith(Errno.ENOENT.message()))) {
                throw e;
            }
        }
    }
}
