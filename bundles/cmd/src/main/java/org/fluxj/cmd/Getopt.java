package org.fluxj.cmd;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Reads a command line as flux-core's optparse (GNU getopt_long, POSIXLY_CORRECT) reads it,
 * and writes it back in a form picocli cannot read another way: every option by its longest
 * name with its value attached ({@code --name=VALUE}), then {@link #END_OF_OPTIONS} and the
 * operands.
 * <ul>
 * <li>an option that requires a value takes the next word whatever it is ({@code -o -Sx=y});
 * <li>an optional value is only ever attached ({@code --color}, {@code --color=never}); a short
 *     option whose long form has an optional value is a flag ({@code -vv} is {@code -v -v}),
 *     unless it is marked {@link ShortOptionalValue} ({@code -L}, {@code -Lnever});
 * <li>short options bundle ({@code -vv}, {@code -vo VALUE}); a long option may be shortened to
 *     any prefix that names one option;
 * <li>options end at the first operand or at {@code --}.
 * </ul>
 * A command whose flux-core counterpart is a Python program is marked {@link Argparse}; its
 * words go to picocli as they are, which reads them as argparse does.
 */
public final class Getopt {
    /**
     * Ends the options in what picocli reads, instead of {@code --}, so that {@code --} is
     * left to be an option's value ({@code -o --}) or an operand after the first one.
     */
    static final String END_OF_OPTIONS = "\u0000--";

    /**
     * The short form of an option with an optional value takes it attached ({@code -Lnever}),
     * as optparse's OPTPARSE_OPT_SHORTOPT_OPTIONAL_ARG; without this mark it is a flag.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.METHOD})
    public @interface ShortOptionalValue {
    }

    /** A word getopt refuses, reported as optparse reports it. */
    static final class Refused extends CommandLine.ParameterException {
        Refused(CommandLine cl, String message) {
            super(cl, message);
        }
    }

    /**
     * Finds a command's subcommand by name as the walk meets it (null if there is none); told
     * {@code null} when the command's words name no subcommand.
     */
    public interface Subcommands {
        CommandLine named(CommandLine command, String name);
    }

    private Getopt() {
    }

    /** The words of {@code args} for {@code cl}, rewritten as the class comment says. */
    public static List<String> rewrite(CommandLine cl, List<String> args, Subcommands subcommands) {
        List<String> out = new ArrayList<>();
        rewrite(cl, args, subcommands, out);
        return out;
    }

    private static void rewrite(CommandLine cl, List<String> args, Subcommands subcommands, List<String> out) {
        if (cl.getCommand() instanceof Argparse) {
            out.addAll(args);
            return;
        }
        CommandSpec spec = cl.getCommandSpec();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                subcommands.named(cl, null);
                out.add(END_OF_OPTIONS);
                out.addAll(args.subList(i + 1, args.size()));
                return;
            }
            if (arg.startsWith("--")) {
                i = longOption(cl, args, i, out);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                i = shortOptions(cl, args, i, out);
            } else {
                CommandLine sub = subcommands.named(cl, arg);
                if (sub != null) {
                    out.add(arg);
                    rewrite(sub, args.subList(i + 1, args.size()), subcommands, out);
                } else {
                    out.add(END_OF_OPTIONS);
                    out.addAll(args.subList(i, args.size()));
                }
                return;
            }
        }
        subcommands.named(cl, null);
    }

    private static int longOption(CommandLine cl, List<String> args, int i, List<String> out) {
        String arg = args.get(i);
        int eq = arg.indexOf('=');
        String name = eq < 0 ? arg : arg.substring(0, eq);
        String attached = eq < 0 ? null : arg.substring(eq + 1);
        OptionSpec option = findLong(cl, name);
        if (option.arity().max == 0) {
            if (attached != null) {
                throw new Refused(cl, "option '" + option.longestName() + "' doesn't allow an argument");
            }
            out.add(option.longestName());
            return i;
        }
        if (attached == null && option.arity().min > 0) {
            if (i + 1 >= args.size()) {
                throw new Refused(cl, "'" + arg + "' missing argument");
            }
            attached = args.get(++i);
        }
        out.add(withValue(option, attached));
        return i;
    }

    private static int shortOptions(CommandLine cl, List<String> args, int i, List<String> out) {
        String arg = args.get(i);
        for (int j = 1; j < arg.length(); j++) {
            char c = arg.charAt(j);
            OptionSpec option = named(cl.getCommandSpec(), "-" + c);
            if (option == null) {
                throw new Refused(cl, "unrecognized option '-" + c + "'");
            }
            if (option.arity().max == 0) {
                out.add(option.longestName());
                continue;
            }
            if (option.arity().min == 0 && !shortOptionalValue(option)) {
                out.add(withValue(option, null));
                continue;
            }
            String rest = arg.substring(j + 1);
            String value = rest.isEmpty() ? null : rest;
            if (value == null && option.arity().min > 0) {
                if (i + 1 >= args.size()) {
                    throw new Refused(cl, "'" + arg + "' missing argument");
                }
                value = args.get(++i);
            }
            out.add(withValue(option, value));
            return i;
        }
        return i;
    }

    private static boolean shortOptionalValue(OptionSpec option) {
        return option.userObject() instanceof AnnotatedElement e && e.isAnnotationPresent(ShortOptionalValue.class);
    }

    /** {@code --name=VALUE}; an optional value not given is the option's fallback value. */
    private static String withValue(OptionSpec option, String value) {
        if (value == null) {
            value = option.fallbackValue();
        }
        return option.longestName() + "=" + value;
    }

    /** The option a long name or an unambiguous prefix of one names. */
    private static OptionSpec findLong(CommandLine cl, String name) {
        OptionSpec exact = named(cl.getCommandSpec(), name);
        if (exact != null) {
            return exact;
        }
        OptionSpec found = null;
        for (OptionSpec option : cl.getCommandSpec().options()) {
            for (String n : option.names()) {
                if (n.startsWith("--") && n.startsWith(name)) {
                    if (found != null && found != option) {
                        throw new Refused(cl, "option '" + name + "' is ambiguous");
                    }
                    found = option;
                }
            }
        }
        if (found == null) {
            throw new Refused(cl, "unrecognized option '" + name + "'");
        }
        return found;
    }

    /** The option called exactly {@code name} (picocli's findOption also takes names without dashes). */
    private static OptionSpec named(CommandSpec spec, String name) {
        for (OptionSpec option : spec.options()) {
            for (String n : option.names()) {
                if (n.equals(name)) {
                    return option;
                }
            }
        }
        return null;
    }
}
