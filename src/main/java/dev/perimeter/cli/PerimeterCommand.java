package dev.perimeter.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
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
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("check", CheckCommand::new);
        SUBCOMMANDS.put("show", ShowCommand::new);
        SUBCOMMANDS.put("explain", ExplainCommand::new);
        SUBCOMMANDS.put("replay", ReplayCommand::new);
        SUBCOMMANDS.put("classbench", ClassbenchCommand::new);
        SUBCOMMANDS.put("bridge", BridgeCommand::new);
        SUBCOMMANDS.put("generate", GenerateCommand::new);
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
        Supplier<Object> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
        if (named != null) {
            cl.addSubcommand(args[0], named.get());
        } else {
            SUBCOMMANDS.forEach((name, command) -> cl.addSubcommand(name, command.get()));
            cl.addSubcommand("help", new CommandLine.HelpCommand());
        }
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }
}
