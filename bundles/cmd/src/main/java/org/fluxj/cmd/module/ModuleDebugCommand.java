package org.fluxj.cmd.module;

import com.fasterxml.jackson.databind.JsonNode;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flux module debug [--clear|--set=MASK|--clearbit=BIT|--setbit=BIT] NAME}: gets or
 * changes a module's debug flags through its NAME.debug method and prints them in hex.
 */
@Command(name = "debug", description = "Get/set module debug flags.")
final class ModuleDebugCommand extends AbstractCommand {

    @Option(names = {"-C", "--clear"}, description = "Set debug flags to 0")
    boolean clear;

    @Option(names = {"-S", "--set"}, paramLabel = "MASK", description = "Set debug flags to MASK")
    String set;

    @Option(names = {"-s", "--setbit"}, paramLabel = "MASK", description = "Set one debug flag to 1")
    String setbit;

    @Option(names = {"-c", "--clearbit"}, paramLabel = "MASK", description = "Set one debug flag to 0")
    String clearbit;

    @Parameters(paramLabel = "module", arity = "0..1")
    String module;

    @Override
    public Integer call() {
        if (module == null) {
            throw fail("flux-debug requires service argument");
        }
        // the same precedence as flux-core: clear, set, clearbit, setbit (an "or" with 0 reads)
        String op = "setbit";
        String mask = setbit;
        if (clear) {
            op = "clr";
            mask = null;
        } else if (set != null) {
            op = "set";
            mask = set;
        } else if (clearbit != null) {
            op = "clrbit";
            mask = clearbit;
        }
        var request = Json.object().put("op", op).put("flags", mask == null ? 0 : flags(mask));
        JsonNode o = rpc(module + ".debug", module + ".debug", request);
        out().printf("0x%x%n", o.path("flags").asInt());
        return 0;
    }

    /** A mask as strtoul(3) with base 0 reads it: decimal, 0x hexadecimal or 0 octal. */
    private static int flags(String mask) {
        try {
            return (int) Long.decode(mask.strip()).longValue();
        } catch (NumberFormatException e) {
            throw fail("invalid debug flags: %s", mask);
        }
    }
}
