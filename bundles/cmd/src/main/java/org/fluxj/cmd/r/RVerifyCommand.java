package org.fluxj.cmd.r;

import java.io.IOException;
import java.util.List;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.rset.ResourceSet;
import picocli.CommandLine.Command;

/** {@code flux R verify}: R2 on stdin has at least R1's resources on its one rank. */
@Command(name = "verify",
        description = "Takes 2 R objects on stdin and verifies that the resources in each rank present in R2 has"
                + " at least resources present for the same rank in R1.")
final class RVerifyCommand extends AbstractCommand {

    @Override
    public Integer call() throws IOException {
        List<ResourceSet> all = RInput.readAll();
        if (all.size() != 2) {
            throw fail("verify requires exactly 2 R objects on stdin");
        }
        ResourceSet.Verification v = all.get(0).verify(all.get(1));
        if (v.verdict() != ResourceSet.Verdict.OK) {
            err().printf("flux-R: %s%n", v.message());
        }
        return v.verdict() == ResourceSet.Verdict.FAILED ? 1 : 0;
    }
}
