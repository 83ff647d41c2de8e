package org.fluxj.cmd;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * Runs a few typical command lines in one JVM so that the AppCDS archive made at package time
 * holds the classes they load. Their output is discarded.
 */
final class CdsTraining {
    private static final String[][] COMMANDS = {
        {"version"},
        {"help"},
        {"--help"},
        {"no-such-command"},
        {"job", "id", "--to=f58", "1234"},
        {"hostlist", "--expand", "node[01-03,7]"},
        {"submit", "--dry-run", "-N2", "-n4", "-c2", "-t", "10m", "hostname"},
        {"R", "encode", "-r", "0-3", "-c", "0-1", "-H", "node[0-3]"},
        // no broker at training time: these fail to connect, after loading their classes
        {"kvs", "put", "a=1", "b=2"},
        {"kvs", "get", "a"},
        {"kvs", "eventlog", "append", "k", "e"},
    };

    private CdsTraining() {
    }

    public static void main(String[] args) {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        for (String[] command : COMMANDS) {
            Flux.run(command, sink, sink);
        }
    }
}
