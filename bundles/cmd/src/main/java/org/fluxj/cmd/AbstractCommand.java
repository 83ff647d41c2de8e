package org.fluxj.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.fluxj.client.Handle;
import org.fluxj.client.Rpc;
import org.fluxj.client.UriResolvers;
import org.fluxj.client.content.Content;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.treeobj.BlobRef;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Base of every subcommand: the help option, the output streams and the error plumbing. A
 * subcommand declares its options with picocli annotations and implements {@link #call()};
 * it throws {@link CommandException} or a format's exception to fail with one line.
 */
public abstract class AbstractCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Display this message.")
    boolean help;

    private Handle handle;

    /**
     * The connection to the broker FLUX_URI names, opened on first use; a failure to connect
     * ends the command with one line ("cannot connect to local://...: reason").
     */
    protected Handle handle() {
        if (handle == null) {
            try {
                handle = Handle.open();
            } catch (IOException e) {
                throw new CommandException(e.getMessage());
            }
        }
        return handle;
    }

    /**
     * Connects to the instance a command's TARGET names instead of FLUX_URI's: a URI, or
     * anything a URI resolver takes ({@code pid:1234}), as flux-core's uri_resolve.
     */
    protected void connect(String target) {
        try {
            handle = Handle.open(new UriResolvers().resolve(target));
        } catch (IOException e) {
            throw new CommandException(e.getMessage());
        }
    }

    /** Closes the connection, if one was opened. */
    void disconnect() {
        if (handle != null) {
            handle.close();
            handle = null;
        }
    }

    /** A blocking RPC to the nearest broker; an error ends the command as "{@code what}: reason". */
    protected JsonNode rpc(String what, String topic, JsonNode payload) {
        return rpc(what, topic, payload, Message.NODEID_ANY);
    }

    protected JsonNode rpc(String what, String topic, JsonNode payload, int nodeid) {
        try {
            return handle().rpcGetJson(topic, payload, nodeid);
        } catch (IOException e) {
            throw new CommandException(what + ": " + e.getMessage());
        }
    }

    /** A broker attribute (flux_attr_get); a failure ends the command as "NAME: reason". */
    protected String getattr(String name) {
        try {
            return handle().getattr(name);
        } catch (IOException e) {
            throw new CommandException(name + ": " + e.getMessage());
        }
    }

    /** A broker attribute, or null if it is not set; other failures end the command. */
    protected String findattr(String name) {
        try {
            return handle().findattr(name);
        } catch (IOException e) {
            throw new CommandException(name + ": " + e.getMessage());
        }
    }

    /** The instance's {@code content.hash}: the algorithm blobrefs are made with. */
    protected BlobRef.Algorithm hashAlgorithm() {
        try {
            return Content.hashAlgorithm(handle());
        } catch (FormatException e) {
            throw new CommandException(e.getMessage());
        } catch (IOException e) {
            throw new CommandException("content.hash: " + e.getMessage());
        }
    }

    /** A blocking RPC whose response has no payload. */
    protected void rpcNoPayload(String what, String topic, JsonNode payload) {
        try {
            Rpc.await(handle().rpc(topic, payload, Message.NODEID_ANY));
        } catch (IOException e) {
            throw new CommandException(what + ": " + e.getMessage());
        }
    }

    /** The version of this build of fluxj, as {@code flux version} prints it. */
    protected static String fluxVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = AbstractCommand.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return p.getProperty("version", "unknown");
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Bytes to standard output as they are, after what was printed before. */
    protected void writeRaw(byte[] data) {
        out().flush();
        System.out.write(data, 0, data.length);
        System.out.flush();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** strerror(3) of the errno behind a file error: what flux-core prints after the path. */
    protected static String strerror(IOException e) {
        Errno errno = Errno.of(e);
        return errno != null ? errno.message() : String.valueOf(e.getMessage());
    }

    /**
     * optparse_get_int of an option whose value is optional: each bare {@code -v} counts one,
     * {@code --verbose=N} sets N.
     */
    protected int verbosity(int current, String level) {
        if (level == null || level.isEmpty()) {
            return current + 1;
        }
        try {
            return Integer.parseInt(level);
        } catch (NumberFormatException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Option 'verbose' requires an integer argument");
        }
    }

    /** flux-core's log_msg: one line on stderr with the program's prefix ("flux-job: ..."), going on. */
    protected void logMsg(String format, Object... args) {
        err().printf("%s: %s%n", Errors.prefix(spec.commandLine()), String.format(format, args));
    }

    protected static CommandException fail(String format, Object... args) {
        return new CommandException(String.format(format, args));
    }
}
