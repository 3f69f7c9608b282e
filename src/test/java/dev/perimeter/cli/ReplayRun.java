package dev.perimeter.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/** One in-process run of {@code perimeter replay}: exit code, standard output and standard error. */
record ReplayRun(int exitCode, String out, String err) {

    static ReplayRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ReplayCommand command = new ReplayCommand();
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        CommandLine cli = new CommandLine(command);
        cli.setErr(new java.io.PrintWriter(command.err, true));
        int code = cli.execute(args);
        return new ReplayRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Standard output as the JSON object that {@code --json} prints. */
    JsonObject json() {
        return JsonParser.parseString(out).getAsJsonObject();
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    List<String> logLines() {
        return out.lines().filter(l -> l.contains("%SEC-6-")).toList();
    }
}
