package org.fluxj.cmd.kvs;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fluxj.cmd.Color;
import org.fluxj.cmd.CommandException;
import org.fluxj.client.kvs.Kvs;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.eventlog.Eventlog;
import org.fluxj.formats.eventlog.EventlogEntry;
import org.fluxj.formats.eventlog.EventlogFormatter;
import org.fluxj.formats.msg.Message;

/** A {@code flux kvs eventlog} subcommand that prints entries: {@code get} and {@code wait-event}. */
abstract class AbstractKvsEventlogCommand extends AbstractKvsCommand {

    static final String UNFORMATTED_HELP = "Show event in RFC 18 form";
    static final String HUMAN_HELP = "Display human-readable output: the date and minute in brackets at the "
            + "first event and whenever the minute changes, the seconds since then in between";

    /**
     * The formatter of {@code get} and {@code wait-event}, as flux-kvs's formatter_create: RFC 18
     * JSON with {@code -u}, human timestamps with {@code -H}, colors as {@code -L} says.
     *
     * @throws CommandException for a bad WHEN, or {@code -u} with {@code -H} or {@code --color=always}
     */
    static EventlogFormatter formatter(boolean unformatted, boolean human, String color) {
        boolean useColor = Color.use(color, "color");
        if (unformatted && (human || "always".equals(color))) {
            throw new CommandException("Do not specify --unformatted with --human or --color=always");
        }
        return new EventlogFormatter().unformatted(unformatted).color(useColor)
                .timestampFormat(human ? EventlogFormatter.TimestampFormat.HUMAN : EventlogFormatter.TimestampFormat.RAW);
    }

    /**
     * The entries of one value (a lookup, or one response of a watch or stream), as
     * eventlog_decode reads it.
     *
     * @throws CommandException "cannot decode improperly formatted eventlog"
     */
    static List<EventlogEntry> decode(byte[] data) {
        try {
            return Eventlog.decode(new String(data, StandardCharsets.UTF_8));
        } catch (FormatException e) {
            throw new CommandException("cannot decode improperly formatted eventlog");
        }
    }

    /** The entries of one response of a watch or stream; a bad one ends the command as "KEY: reason". */
    protected List<EventlogEntry> entries(String key, Message response) {
        byte[] data;
        try {
            data = data(Kvs.value(response));
        } catch (IOException e) {
            throw fail("%s: %s", key, e.getMessage());
        }
        return decode(data);
    }

    /** One entry printed; one that cannot be is reported and skipped, as flux-kvs does. */
    static void print(EventlogFormatter f, EventlogEntry e, PrintWriter out, PrintWriter err) {
        try {
            out.print(f.format(e));
        } catch (FormatException x) {
            out.flush();
            err.println("flux-kvs: failed to print eventlog entry: " + x.getMessage());
            err.flush();
        }
    }
}
