package dev.perimeter.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code perimeter check}. */
@Command(name = "check", description = "Not available yet.")
public final class CheckCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("perimeter check: not available yet");
        return 2;
    }
}
