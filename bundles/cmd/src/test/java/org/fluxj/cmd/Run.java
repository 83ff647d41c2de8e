package org.fluxj.cmd;

import java.io.PrintWriter;
import java.io.StringWriter;

/** What one in-process run of the flux command did: {@link Flux#run} with captured output. */
public record Run(int status, String out, String err) {

    public static Run flux(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Flux.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }
}
