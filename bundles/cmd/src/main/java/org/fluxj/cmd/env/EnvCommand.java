package org.fluxj.cmd.env;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fluxj.cmd.AbstractCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code flux env [COMMAND...]}: prints the environment flux commands run in, as shell
 * {@code export} lines, or runs COMMAND in it and exits with its status. fluxj's
 * environment is its {@code bin} first in PATH, so that a script's {@code flux} is this one.
 */
@Command(name = "env", description = "Print the flux environment or execute COMMAND inside it.",
        customSynopsis = "flux env [OPTIONS...] [COMMAND...]")
public final class EnvCommand extends AbstractCommand {

    @Parameters(paramLabel = "COMMAND", arity = "0..*")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        Map<String, String> env = environment();
        if (command.isEmpty()) {
            env.forEach((k, v) -> out().printf("export %s=\"%s\"%n", k, v));
            return 0;
        }
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw fail("execvp (%s): %s", command.get(0), e.getMessage().contains("error=2,")
                    ? "No such file or directory" : "Permission denied");
        }
        return p.waitFor();
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        String home = System.getProperty("fluxj.home");
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        if (home != null) {
            String bin = new File(home, "bin").getPath();
            if (!path.startsWith(bin + File.pathSeparator) && !path.equals(bin)) {
                path = bin + File.pathSeparator + path;
            }
        }
        env.put("PATH", path);
        return env;
    }
}
