package dev.perimeter.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code perimeter show}. */
@Command(name = "show", description = "Not available yet.")
public final class ShowCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("perimeter show: not available yet");
        return 2;
    }
}
