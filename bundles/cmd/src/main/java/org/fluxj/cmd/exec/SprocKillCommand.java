package org.fluxj.cmd.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.fluxj.client.FluxException;
import org.fluxj.client.Rpc;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.proc.WaitStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flux sproc kill [-w] SIGNUM PID|LABEL}. */
@Command(name = "kill", description = "Send a signal to a subprocess.")
final class SprocKillCommand extends AbstractSprocCommand {
    @Option(names = {"-w", "--wait"}, description = "wait for process after sending signal")
    boolean await;

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "signum")
    int signum;

    @picocli.CommandLine.Parameters(index = "1", paramLabel = "pid")
    String pid;

    @Override
    public Integer call() {
        // As flux-sproc.py: the wait is sent first, so that a process killed at once is still collected.
        CompletableFuture<Message> waiting = await ? waitRpc(pid) : null;
        ObjectNode o = target(pid);
        o.put("signum", signum);
        try {
            Rpc.await(handle().rpc(service + ".kill", o, rank));
        } catch (IOException e) {
            boolean reaped = await && e instanceof FluxException f
                    && f.is(Errno.ESRCH);
            if (!reaped) {
                throw failed("kill", e);
            }
            err().println("flux-sproc: kill: " + e.getMessage());
        }
        if (waiting == null) {
            return 0;
        }
        try {
            return WaitStatus.shellCode(Rpc.await(waiting).payloadObject().path("status").asInt());
        } catch (IOException | FormatException e) {
            throw failed("kill: wait failed", e);
        }
    }
}
