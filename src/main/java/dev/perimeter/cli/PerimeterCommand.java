package dev.perimeter.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code perimeter} command line: one subcommand per job. */
@Command(name = "perimeter", mixinStandardHelpOptions = true, version = "perimeter 0.1.0",
        description = "Filters Ethernet frames with Cisco IOS access lists: live bridge, offline replay, checks.")
public final class PerimeterCommand implements Runnable {
    /**
     * The subcommands, in help order. picocli builds a command's model by reflection when it is added, about
     * 50 ms for all of them at start-up, so a run adds only the subcommand it names (all of them for help).
     */
    private static final List<String> SUBCOMMANDS =
            List.of("check", "show", "explain", "replay", "classbench", "bridge", "generate");

    /**
     * A new instance of the named subcommand, or null: a switch rather than a table of constructor references,
     * whose lambdas would each be linked at start-up.
     */
    private static Object subcommand(String name) {
        return switch (name) {
            case "check" -> new CheckCommand();
            case "show" -> new ShowCommand();
            case "explain" -> new ExplainCommand();
            case "replay" -> new ReplayCommand();
            case "classbench" -> new ClassbenchCommand();
            case "bridge" -> new BridgeCommand();
            case "generate" -> new GenerateCommand();
            default -> null;
        };
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The command line with every subcommand. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /** The command line for running {@code args}: with only the subcommand they name, or all when none is named. */
    static CommandLine commandLine(String[] args) {
        CommandLine cl = new CommandLine(new PerimeterCommand());
        Object named = args.length > 0 ? subcommand(args[0]) : null;
        if (named != null) {
            cl.addSubcommand(args[0], named);
        } else {
            for (String name : SUBCOMMANDS) {
                cl.addSubcommand(name, subcommand(name));
            }
            cl.addSubcommand("help", new CommandLine.HelpCommand());
        }
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }
}
