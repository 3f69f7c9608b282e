package dev.perimeter.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code perimeter replay}. */
@Command(name = "replay", description = "Not available yet.")
public final class ReplayCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("perimeter replay: not available yet");
        return 2;
    }
}
