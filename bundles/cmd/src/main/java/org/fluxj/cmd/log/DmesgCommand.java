package org.fluxj.cmd.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.fluxj.client.StreamingRpc;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.cmd.Color;
import org.fluxj.cmd.Getopt;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.stdlog.Stdlog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flux dmesg}: prints the broker's log ring buffer (a streaming {@code log.dmesg}),
 * optionally following it or clearing it, in flux-core's layouts (ISO or -H human times).
 */
@Command(name = "dmesg", description = "Print or control log ring buffer.")
public final class DmesgCommand extends AbstractCommand {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    @Option(names = {"-C", "--clear"}, description = "Clear the ring buffer.")
    boolean clear;

    @Option(names = {"-c", "--read-clear"}, description = "Clear the ring buffer contents after printing.")
    boolean readClear;

    @Option(names = {"-f", "--follow"}, description = "Track new entries as they are logged.")
    boolean follow;

    @Option(names = {"-n", "--new"}, description = "Show only new log messages.")
    boolean onlyNew;

    @Option(names = {"-H", "--human"}, description = "Human readable output.")
    boolean human;

    @Option(names = {"-d", "--delta"}, description = "With --human, show timestamp delta between messages.")
    boolean delta;

    @Getopt.ShortOptionalValue
    @Option(names = {"-L", "--color"}, arity = "0..1", paramLabel = "WHEN", description = Color.DESCRIPTION,
            fallbackValue = "always")
    String color;

    // flux-core's dmesg colors (src/cmd/builtin/dmesg.c)
    private static final String RESET = "\u001b[0m";
    private static final String NAME = "\u001b[33m";
    private static final String TIME = "\u001b[32m";
    private static final String TIMEBREAK = "\u001b[1m\u001b[32m";

    private boolean colored;

    private ZonedDateTime lastMinute;
    private Instant lastTime;

    @Override
    public Integer call() throws IOException {
        if (delta && !human) {
            throw fail("--delta can only be used with --human");
        }
        colored = Color.use(color, "color");
        if (!clear) {
            ObjectNode o = Json.object();
            o.put("follow", follow);
            o.put("nobacklog", onlyNew);
            StreamingRpc s = handle().rpcStreaming("log.dmesg", o, Message.NODEID_ANY);
            try {
                for (Message m = s.next(); m != null; m = s.next()) {
                    print(m.payloadString());
                }
            } catch (IOException | FormatException e) {
                throw fail("log.dmesg: %s", e.getMessage());
            }
        }
        if (readClear || clear) {
            rpcNoPayload("log.clear", "log.clear", null);
        }
        return 0;
    }

    private void print(String entry) {
        Stdlog e = Stdlog.decode(entry);
        if (e == null) {
            out().println(entry);
        } else {
            out().println(timestamp(e) + " " + paint(NAME, e.appname() + "." + Stdlog.severityName(e.severity()) + "["
                    + e.rank() + "]") + ": " + paint(severityColor(e.severity()), e.message()));
        }
        out().flush();
    }

    private String timestamp(Stdlog e) {
        Instant t;
        try {
            t = Instant.parse(e.timestamp());
        } catch (RuntimeException x) {
            return paint(TIME, human ? "[" + e.timestamp() + "]" : e.timestamp());
        }
        ZonedDateTime local = t.atZone(ZoneId.systemDefault());
        if (!human) {
            String offset = local.getOffset().getId();
            if (offset.equals("Z")) {
                return paint(TIME, e.timestamp()); // flux-core prints Zulu time as it came
            }
            return paint(TIME, ISO.format(local) + String.format(".%06d", t.getNano() / 1000) + offset);
        }
        ZonedDateTime minute = local.withSecond(0).withNano(0);
        if (lastMinute != null && minute.equals(lastMinute)) {
            double dt = Duration.between(lastTime, t).toNanos() / 1e9;
            if (delta) {
                lastTime = t;
            }
            return paint(TIME, String.format("[%+11.6f]", dt));
        }
        lastMinute = minute;
        lastTime = t;
        return paint(TIMEBREAK, String.format("[%s%02d %02d:%02d]", MONTHS[local.getMonthValue() - 1],
                local.getDayOfMonth(), local.getHour(), local.getMinute()));
    }

    /** {@code text} in {@code ansi} then reset, when coloring (and the color is not empty). */
    private String paint(String ansi, String text) {
        return colored && !ansi.isEmpty() ? ansi + text + RESET : text;
    }

    private static String severityColor(int severity) {
        return switch (severity) {
            case 0, 1 -> "\u001b[7m\u001b[31m"; // emerg, alert: reverse red
            case 2 -> "\u001b[1m\u001b[31m"; // crit: bold red
            case 3 -> "\u001b[31m"; // err
            case 4 -> "\u001b[1m"; // warning: bold
            case 7 -> "\u001b[34m"; // debug: blue
            default -> ""; // notice, info
        };
    }
}
