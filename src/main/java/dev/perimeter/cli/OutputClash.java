package dev.perimeter.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a file a command would write over that it also reads, or that two of its outputs share: opening an
 * output truncates it, so an output that is the input capture (under any name: another path, a link) would
 * destroy the capture while it is being read. Two outputs may share a device such as {@code /dev/null}, not a
 * regular file.
 */
final class OutputClash {
    /** A file the command reads or writes, with the option that names it ({@code --forwarded}, {@code INPUT} …). */
    record NamedFile(String option, Path path) {
    }

    private OutputClash() {
    }

    /**
     * What is wrong, in words (such as {@code --forwarded fwd.pcap is the input capture}), or null when every
     * output is a file of its own. Absent (null) paths are skipped.
     */
    static String find(List<NamedFile> inputs, List<NamedFile> outputs) throws IOException {
        List<NamedFile> written = new ArrayList<>();
        for (NamedFile o : outputs) {
            if (o.path() == null) {
                continue;
            }
            for (NamedFile i : inputs) {
                if (i.path() != null && same(o.path(), i.path())) {
                    return o.option() + " " + o.path() + " is the " + i.option() + ": it would be overwritten";
                }
            }
            for (NamedFile w : written) {
                if (same(o.path(), w.path()) && !isDevice(o.path())) {
                    return w.option() + " and " + o.option() + " name the same file, " + o.path();
                }
            }
            written.add(o);
        }
        return null;
    }

    private static boolean same(Path a, Path b) throws IOException {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    }

    /** An existing file that is not a regular one (a device, a pipe): writing it twice overwrites nothing. */
    private static boolean isDevice(Path p) {
        return Files.exists(p) && !Files.isRegularFile(p) && !Files.isDirectory(p);
    }
}
