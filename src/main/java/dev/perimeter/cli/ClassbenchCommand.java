package dev.perimeter.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code perimeter classbench}. */
@Command(name = "classbench", description = "Not available yet.")
public final class ClassbenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("perimeter classbench: not available yet");
        return 2;
    }
}
