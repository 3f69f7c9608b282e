package dev.perimeter.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code perimeter explain}. */
@Command(name = "explain", description = "Not available yet.")
public final class ExplainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("perimeter explain: not available yet");
        return 2;
    }
}
