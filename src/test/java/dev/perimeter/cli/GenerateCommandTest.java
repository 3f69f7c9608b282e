package dev.perimeter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.io.CaptureFormat;
import dev.perimeter.io.CaptureReader;
import dev.perimeter.io.CapturedFrame;
import dev.perimeter.io.file.CaptureFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = PerimeterCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private static int frames(Path file) throws IOException {
        int n = 0;
        try (CaptureReader r = CaptureFiles.openReader(file)) {
            CapturedFrame f = new CapturedFrame(2048);
            while (r.next(f)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void floodWritesTheAskedNumberOfFramesInTheAskedFormat() throws IOException {
        Path out = dir.resolve("sub/flood.pcap");
        assertEquals(0, run("generate", "flood", "--frames", "300", "--format", "pcap_nano", "--seed", "3",
                out.toString()));
        assertEquals(CaptureFormat.PCAP_NANO, CaptureFiles.detect(out));
        assertEquals(300, frames(out));
        assertTrue(this.out.toString().startsWith("wrote 300 frames ("), this.out.toString());
        assertEquals(2, run("generate", "flood", "--format", "erf", dir.resolve("x").toString()));
        assertTrue(err.toString().contains("unknown format 'erf'"), err.toString());
        assertEquals(2, run("generate", "flood", "--frames", "-1", dir.resolve("x").toString()));
    }

    @Test
    void samplesWritesBothSeedCaptures() throws IOException {
        assertEquals(0, run("generate", "samples", dir.toString()));
        assertEquals(60, frames(dir.resolve("seed-verification.pcap")));
        assertEquals(CaptureFormat.PCAPNG, CaptureFiles.detect(dir.resolve("seed-two-sided.pcapng")));
        assertEquals(0, run("generate", "seed", dir.resolve("one.pcap").toString()));
        assertEquals(60, frames(dir.resolve("one.pcap")));
    }
}
