package org.fluxj.cmd.event;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageFlags;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flux event pub [-r] [-s] [-l] [-p] TOPIC [PAYLOAD...]}: the payload (the remaining
 * arguments joined by spaces) must be JSON unless {@code --raw}; {@code -s} waits for the
 * sequence number and prints it, {@code -l} waits to receive the event back.
 */
@Command(name = "pub", description = "Publish an event.")
final class EventPubCommand extends AbstractCommand {

    @Option(names = {"-r", "--raw"}, description = "Interpret payload as raw.")
    boolean raw;

    @Option(names = {"-s", "--synchronous"}, description = "Perform a synchronous publish.")
    boolean synchronous;

    @Option(names = {"-l", "--loopback"}, description = "Wait for published event.")
    boolean loopback;

    @Option(names = {"-p", "--private"}, description = "Mark the event private.")
    boolean privateEvent;

    @Parameters(index = "0", paramLabel = "topic")
    String topic;

    @Parameters(index = "1..*", paramLabel = "payload")
    List<String> payload = List.of();

    @Override
    public Integer call() throws IOException {
        String text = payload.isEmpty() ? null : String.join(" ", payload);
        if (text != null && !raw) {
            try {
                Json.parse(text, "payload");
            } catch (FormatException e) {
                throw fail("payload is not valid JSON");
            }
        }
        if (loopback) {
            handle().subscribe(topic);
        }
        int flags = privateEvent ? MessageFlags.PRIVATE : 0;
        if (synchronous) {
            byte[] p = text == null ? null : raw ? text.getBytes(StandardCharsets.UTF_8) : cstring(text);
            try {
                out().printf("seq=%d%n", handle().publish(topic, p, flags));
            } catch (IOException e) {
                throw fail("publish failed: %s", e.getMessage());
            }
        } else {
            Message.Builder b = Message.event(topic);
            if (text != null) {
                if (raw) {
                    b.payload(text.getBytes(StandardCharsets.UTF_8));
                } else {
                    b.payloadString(text);
                }
            }
            if (privateEvent) {
                b.makePrivate();
            }
            handle().send(b.build());
        }
        if (loopback) {
            for (Message m = handle().nextEvent(); m != null; m = handle().nextEvent()) {
                if (topic.equals(m.topic())) {
                    break;
                }
            }
        } else if (!synchronous) {
            // make sure the event left before the connection closes
            getattr("rank");
        }
        return 0;
    }

    private static byte[] cstring(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(b, b.length + 1);
    }
}
