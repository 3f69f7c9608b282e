package dev.perimeter.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code perimeter} command line: one subcommand per job. */
@Command(name = "perimeter", mixinStandardHelpOptions = true, version = "perimeter 0.1.0",
        description = "Filters Ethernet frames with Cisco IOS access lists: live bridge, offline replay, checks.",
        subcommands = {CheckCommand.class, ShowCommand.class, ExplainCommand.class, ReplayCommand.class,
                ClassbenchCommand.class, BridgeCommand.class, GenerateCommand.class,
                CommandLine.HelpCommand.class})
public final class PerimeterCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new PerimeterCommand()).execute(args));
    }
}
