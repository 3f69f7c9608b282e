package dev.perimeter.cli;

import dev.perimeter.config.ConfigDiagnostic;
import dev.perimeter.config.ParseResult;
import dev.perimeter.config.RouterConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code perimeter check CONFIG}: every error of the file, then a one-line summary. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Checks an IOS configuration: prints every error (exit 1) or a summary (exit 0).")
public final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONFIG", description = "IOS configuration file")
    Path config;

    @Option(names = {"-w", "--warnings"}, description = "Also list the skipped lines (commands Perimeter does not use).")
    boolean warnings;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() {
        ParseResult result = ConfigFiles.load(config, err);
        if (result == null) {
            return 2;
        }
        if (warnings) {
            for (ConfigDiagnostic w : result.warnings()) {
                err.println(w.format());
            }
        }
        out.println(summary(config.toString(), result));
        return result.isValid() ? 0 : 1;
    }

    static String summary(String name, ParseResult result) {
        RouterConfig c = result.config();
        int errors = result.errors().size();
        String groups = "";
        if (!c.objectGroups().isEmpty()) {
            // what the matchers run: the entries with their object groups expanded
            groups = " (" + c.plainEntryCount() + " with object groups expanded), "
                    + plural(c.objectGroups().size(), "object group");
        }
        String ranges = c.timeRanges().isEmpty() ? "" : ", " + plural(c.timeRanges().size(), "time range");
        return name + ": " + (errors == 0 ? "valid" : plural(errors, "error")) + "; "
                + plural(c.accessLists().size(), "access list") + ", " + plural(c.entryCount(), "entry", "entries")
                + groups + ranges + ", " + plural((int) c.boundInterfaceCount(), "bound interface") + ", "
                + plural(result.skippedLines(), "skipped line");
    }

    private static String plural(int n, String one) {
        return plural(n, one, one + "s");
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
