package org.fluxj.cmd.module;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.cmd.Getopt;
import org.fluxj.formats.json.JanssonText;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flux module stats [-p OBJ] [-s N] [-t int|double] [-c|-C|-R[WHO]] NAME}: NAME.stats-get,
 * NAME.stats-clear, or NAME.rusage.
 */
@Command(name = "stats", description = "Display stats on module.")
final class ModuleStatsCommand extends AbstractCommand {

    @Option(names = {"-p", "--parse"}, paramLabel = "OBJNAME", description = "Parse object period-delimited object name.")
    String parse;

    @Option(names = {"-s", "--scale"}, paramLabel = "N", description = "Scale numeric JSON value by N.")
    double scale = 1.0;

    @Option(names = {"-t", "--type"}, paramLabel = "int|double", description = "Convert JSON value to specified type.")
    String type;

    @Option(names = {"-c", "--clear"}, description = "Clear stats on target rank.")
    boolean clear;

    @Option(names = {"-C", "--clear-all"}, description = "Clear stats on all ranks.")
    boolean clearAll;

    @Getopt.ShortOptionalValue
    @Option(names = {"-R", "--rusage"}, arity = "0..1", fallbackValue = "", paramLabel = "self|children|thread",
            description = "Request rusage data instead of stats (default: self)")
    String rusage;

    @Parameters(paramLabel = "module")
    String service;

    @Override
    public Integer call() throws IOException {
        if (clear) {
            rpcNoPayload(service + ".stats-clear", service + ".stats-clear", null);
            return 0;
        }
        if (clearAll) {
            handle().send(Message.event(service + ".stats-clear").build());
            return 0;
        }
        JsonNode o;
        if (rusage != null) {
            String topic = service + ".rusage";
            o = rpc(topic, topic, rusage.isEmpty() ? null : Json.object().put("who", rusage));
        } else {
            o = rpc(service + ".stats-get", service + ".stats-get", null);
        }
        if (parse != null) {
            for (String part : parse.split("\\.")) {
                o = o.get(part);
                if (o == null) {
                    throw fail("`%s' not found in response", parse);
                }
            }
        }
        if ("int".equals(type) || (type == null && o.isIntegralNumber() && scale != 1.0)) {
            out().println((long) (o.asDouble() * scale));
        } else if ("double".equals(type) || (o.isNumber() && scale != 1.0)) {
            out().printf("%f%n", o.asDouble() * scale);
        } else {
            out().println(JanssonText.compact(o));
        }
        return 0;
    }
}
