package org.fluxj.cmd.uptime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.fsd.Fsd;
import picocli.CommandLine.Command;

/**
 * {@code flux uptime}: " HH:MM:SS STATE DURATION,  owner USER,  depth N,  size N" as
 * flux-core's builtin/uptime.c prints it; in the run state the duration is the instance's
 * age (broker.starttime), else the time in the current state.
 */
@Command(name = "uptime", description = "Tell how long Flux has been up and running.")
public final class UptimeCommand extends AbstractCommand {

    @Override
    public Integer call() {
        JsonNode sm = rpc("Error fetching broker state", "state-machine.get", null);
        String state = sm.path("state").asText();
        double duration = sm.path("duration").asDouble();
        int owner = Integer.parseInt(getattr("security.owner"));
        int size = Integer.parseInt(getattr("size"));
        int level = Integer.parseInt(getattr("instance-level"));
        if (state.equals("run")) {
            duration = System.currentTimeMillis() / 1000.0
                    - Double.parseDouble(getattr("broker.starttime"));
        }
        out().printf(" %s %s %s,  owner %s,  depth %d,  size %d%n",
                LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")), state,
                Fsd.format(Math.max(0, duration), 2), user(owner), level, size);
        return 0;
    }

    /** The user name of a uid, or the uid as a string. */
    static String user(int uid) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length > 2 && f[2].equals(Integer.toString(uid))) {
                    return f[0];
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return Integer.toString(uid);
    }
}
