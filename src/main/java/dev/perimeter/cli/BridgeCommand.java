package dev.perimeter.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code perimeter bridge}. */
@Command(name = "bridge", description = "Not available yet.")
public final class BridgeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("perimeter bridge: not available yet");
        return 2;
    }
}
