package org.fluxj.formats.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.JanssonText;

/**
 * Eventlog entries as text for people, as flux-core's eventlog formatter
 * (libeventlog/formatter.c) prints them for {@code flux kvs eventlog get} and
 * {@code flux job eventlog}: {@code TIMESTAMP NAME key=value...}, each value as compact JSON,
 * or the entry's RFC 18 JSON unchanged ({@link #unformatted(boolean)}).
 *
 * <p>Timestamps ({@link TimestampFormat}): {@code raw} seconds ({@code 1699995759.537775}),
 * {@code iso} local time ({@code 2023-11-14T21:02:39.537774Z}), {@code offset} seconds since
 * the first entry ({@code 0.022011}), or {@code human}: the local date and minute in brackets
 * ({@code [Nov14 21:02]}) at the first entry and whenever the minute changes, and between
 * those the seconds since that entry ({@code [  +0.022011]}). Offsets and human timestamps
 * make a formatter stateful: use one formatter per eventlog, or {@link #reset()} it.
 *
 * <p>With color, the parts are wrapped in flux-core's ANSI codes: the name yellow (an
 * {@code exception} bold red), timestamps green (a human date bold green), context keys blue,
 * numbers gray and other values magenta, each followed by a reset.
 */
public final class EventlogFormatter {

    /** How timestamps are printed. */
    public enum TimestampFormat {
        /** Seconds since the epoch, six decimals ({@code printf("%f")}). */
        RAW,
        /** ISO 8601 local time with microseconds and the zone offset ({@code Z} for UTC). */
        ISO,
        /** Seconds since the first entry formatted (or {@link #updateT0(double)}). */
        OFFSET,
        /** Bracketed date and minute, then offsets from it within the same minute. */
        HUMAN;

        /**
         * A format by the name flux-core gives it, in any case: {@code raw}, {@code iso},
         * {@code offset}, {@code human} (or its other name {@code reltime}).
         *
         * @throws FormatException for any other name
         */
        public static TimestampFormat byName(String name) throws FormatException {
            if (name != null) {
                switch (name.toLowerCase(Locale.ROOT)) {
                    case "raw":
                        return RAW;
                    case "iso":
                        return ISO;
                    case "offset":
                        return OFFSET;
                    case "human":
                    case "reltime":
                        return HUMAN;
                    default:
                        break;
                }
            }
            throw new FormatException("eventlog: invalid timestamp format '" + name
                    + "' (expected raw, iso, offset or human)");
        }
    }

    static final String YELLOW = "\u001b[33m";
    static final String GREEN = "\u001b[32m";
    static final String BLUE = "\u001b[34m";
    static final String MAGENTA = "\u001b[35m";
    static final String GRAY = "\u001b[37m";
    static final String RED = "\u001b[31m";
    static final String BOLD = "\u001b[1m";
    static final String RESET = "\u001b[0m";

    static final String COLOR_NAME = YELLOW;
    static final String COLOR_TIME = GREEN;
    static final String COLOR_TIMEBREAK = BOLD + GREEN;
    static final String COLOR_KEY = BLUE;
    static final String COLOR_VALUE = MAGENTA;
    static final String COLOR_VALUE_NUM = GRAY;
    static final String COLOR_EXCEPTION = BOLD + RED;

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    /** Instants java.time can place in a zone: well inside Instant's range. */
    private static final double MAX_SECONDS = 3.1e16;

    private boolean unformatted;
    private boolean color;
    private String endl = "\n";
    private TimestampFormat timestampFormat = TimestampFormat.RAW;
    private ZoneId zone = ZoneId.systemDefault();

    private double t0;
    private LocalDateTime lastMinute;
    private double lastTimestamp;

    /** A formatter with flux-core's defaults: text, raw timestamps, no color, a newline after each entry. */
    public EventlogFormatter() {
    }

    /**
     * The entry format by name, as eventlog_formatter_set_format: {@code text} (the default)
     * or {@code json} (RFC 18, the timestamp format then does not matter), in any case.
     *
     * @throws FormatException for any other name
     */
    public EventlogFormatter entryFormat(String name) throws FormatException {
        if ("text".equalsIgnoreCase(name)) {
            unformatted = false;
        } else if ("json".equalsIgnoreCase(name)) {
            unformatted = true;
        } else {
            throw new FormatException("eventlog: invalid entry format '" + name + "' (expected text or json)");
        }
        return this;
    }

    /** Whether entries are printed as their RFC 18 JSON (as {@code entryFormat("json")}). */
    public EventlogFormatter unformatted(boolean json) {
        unformatted = json;
        return this;
    }

    public EventlogFormatter timestampFormat(TimestampFormat format) {
        timestampFormat = format == null ? TimestampFormat.RAW : format;
        return this;
    }

    /**
     * The timestamp format by name (see {@link TimestampFormat#byName(String)}).
     *
     * @throws FormatException for an unknown name
     */
    public EventlogFormatter timestampFormat(String name) throws FormatException {
        timestampFormat = TimestampFormat.byName(name);
        return this;
    }

    /** Whether ANSI colors are used (context keys and values included). */
    public EventlogFormatter color(boolean on) {
        color = on;
        return this;
    }

    /** No newline after an entry (eventlog_formatter_set_no_newline). */
    public EventlogFormatter noNewline() {
        endl = "";
        return this;
    }

    /** The time zone of human and ISO timestamps; the system's by default (C's localtime). */
    public EventlogFormatter zone(ZoneId z) {
        zone = z == null ? ZoneId.systemDefault() : z;
        return this;
    }

    /** Sets the time that offsets count from, unless one is set (the first entry's sets it). */
    public void updateT0(double timestamp) {
        if (t0 == 0.) {
            t0 = timestamp;
        }
    }

    /** Forgets the offset origin and the last human date, keeping the options. */
    public void reset() {
        t0 = 0.;
        lastTimestamp = 0.;
        lastMinute = null;
    }

    /**
     * One entry, followed by a newline unless {@link #noNewline()}.
     *
     * @throws FormatException if an ISO timestamp is out of the range of dates
     */
    public String format(EventlogEntry entry) throws FormatException {
        StringBuilder b = new StringBuilder();
        if (unformatted) {
            return b.append(entry.toString()).append(endl).toString();
        }
        timestamp(entry.timestamp(), b);
        b.append(' ').append(nameColor(entry.name())).append(entry.name()).append(unpaint());
        if (entry.hasContext()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = entry.context().fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode v = f.getValue();
                String text;
                try {
                    text = JanssonText.compact(v);
                } catch (IllegalArgumentException x) { // NaN or infinity, put in by a program
                    throw new FormatException("eventlog: context \"" + f.getKey() + "\": " + x.getMessage());
                }
                b.append(' ').append(paint(COLOR_KEY)).append(f.getKey()).append(unpaint())
                        .append('=').append(paint(v.isNumber() ? COLOR_VALUE_NUM : COLOR_VALUE))
                        .append(text).append(unpaint());
            }
        }
        return b.append(endl).toString();
    }

    /**
     * An entry given as JSON, checked first as eventlog_entry_parse checks it.
     *
     * @throws FormatException naming what is wrong with the entry (not an object, a missing or
     *     mistyped {@code name} or {@code timestamp}, a {@code context} that is not an object)
     */
    public String format(JsonNode entry) throws FormatException {
        return format(EventlogEntry.fromJson(entry));
    }

    // ---------------------------------------------------------------- timestamps

    private void timestamp(double t, StringBuilder b) throws FormatException {
        switch (timestampFormat) {
            case RAW:
                b.append(paint(COLOR_TIME)).append(fixed6(t)).append(unpaint());
                break;
            case OFFSET:
                updateT0(t);
                b.append(paint(COLOR_TIME)).append(fixed6(t - t0)).append(unpaint());
                break;
            case ISO:
                iso(t, b);
                break;
            default:
                human(t, b);
                break;
        }
    }

    private void human(double t, StringBuilder b) {
        LocalDateTime minute = t < 0 ? null : minuteOf(t);
        if (minute == null) {
            b.append(paint(COLOR_TIME)).append('[').append(signed(t, 11)).append(']').append(unpaint());
            return;
        }
        if (minute.equals(lastMinute)) {
            b.append(paint(COLOR_TIME)).append('[').append(signed(t - lastTimestamp, 11)).append(']').append(unpaint());
            return;
        }
        lastMinute = minute;
        lastTimestamp = t;
        b.append(paint(COLOR_TIMEBREAK)).append('[').append(MONTHS[minute.getMonthValue() - 1])
                .append(String.format(Locale.ROOT, "%02d %02d:%02d", minute.getDayOfMonth(), minute.getHour(), minute.getMinute()))
                .append(']').append(unpaint());
    }

    /** The local date and time of whole seconds {@code (time_t) t}, to the minute; null out of range. */
    private LocalDateTime minuteOf(double t) {
        if (!(Math.abs(t) < MAX_SECONDS)) {
            return null;
        }
        try {
            return ZonedDateTime.ofInstant(Instant.ofEpochSecond((long) t), zone).toLocalDateTime()
                    .truncatedTo(ChronoUnit.MINUTES);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private void iso(double t, StringBuilder b) throws FormatException {
        if (!(Math.abs(t) < MAX_SECONDS)) {
            throw new FormatException("eventlog: localtime(" + fixed6(t) + "): Value too large for defined data type");
        }
        long sec = (long) t; // C's (time_t) conversion: toward zero
        long usec = (long) ((t - sec) * 1E6);
        ZonedDateTime z;
        try {
            z = ZonedDateTime.ofInstant(Instant.ofEpochSecond(sec), zone);
        } catch (DateTimeException e) {
            throw new FormatException("eventlog: localtime(" + fixed6(t) + "): Value too large for defined data type");
        }
        String micros = Long.toUnsignedString(usec);
        b.append(paint(COLOR_TIME)).append(ISO_SECONDS.format(z)).append('.')
                .append("0".repeat(Math.max(0, 6 - micros.length()))).append(micros)
                .append(tzOffset(z.getOffset().getTotalSeconds())).append(unpaint());
    }

    /** strftime's {@code %z} as flux-core shows it: {@code Z} for UTC, else {@code +HH:MM}. */
    static String tzOffset(int totalSeconds) {
        int minutes = Math.abs(totalSeconds) / 60;
        if (minutes == 0) {
            return "Z";
        }
        return String.format(Locale.ROOT, "%c%02d:%02d", totalSeconds < 0 ? '-' : '+', minutes / 60, minutes % 60);
    }

    /**
     * C's {@code printf("%f", v)}: the exact binary value rounded to six decimals, ties to even,
     * and a minus sign for any negative value (also one that rounds to zero, and -0.0).
     */
    static String fixed6(double v) {
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        String digits = new BigDecimal(Math.abs(v)).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        return negative ? "-" + digits : digits;
    }

    /** C's {@code printf("%+W.6f", v)}: always a sign, right-aligned in {@code width} columns. */
    static String signed(double v, int width) {
        String s = fixed6(v);
        if (!s.startsWith("-")) {
            s = "+" + s;
        }
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    // ---------------------------------------------------------------- colors

    private String paint(String code) {
        return color ? code : "";
    }

    private String unpaint() {
        return color ? RESET : "";
    }

    private String nameColor(String name) {
        if (!color) {
            return "";
        }
        return name.equals("exception") ? COLOR_EXCEPTION : COLOR_NAME;
    }
}
