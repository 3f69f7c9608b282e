package dev.perimeter.bench;

import dev.perimeter.io.CaptureFormat;
import dev.perimeter.io.CaptureReader;
import dev.perimeter.io.CapturedFrame;
import dev.perimeter.io.file.CaptureFiles;
import dev.perimeter.io.file.FloodTraffic;
import dev.perimeter.match.PacketKey;
import dev.perimeter.packet.FrameDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;

/**
 * Reading a capture file (and decoding every frame) in frames per second, against pcap4j's offline reader on
 * the same file in the same run. The capture is the {@code perimeter generate flood} mix.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class CaptureReadBenchmark {
    static final int FRAMES = 500_000;

    @Param({"pcap", "pcapng"})
    public String format;

    private Path file;
    private final CapturedFrame frame = new CapturedFrame(2048);
    private final FrameDecoder decoder = new FrameDecoder();
    private final PacketKey key = new PacketKey();

    @Setup(Level.Trial)
    public void write() throws IOException {
        file = Files.createTempFile("perimeter-bench", "." + format);
        FloodTraffic.write(file, CaptureFormat.valueOf(format.toUpperCase(Locale.ROOT)), FRAMES, 1);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long read() throws IOException {
        long bytes = 0;
        try (CaptureReader r = CaptureFiles.openReader(file)) {
            while (r.next(frame)) {
                bytes += frame.capturedLength;
            }
        }
        return bytes;
    }

    /** As {@link #read}, with the reader lending frames out of its chunks (as replay does) instead of copying. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long readLent() throws IOException {
        long bytes = 0;
        try (CaptureReader r = CaptureFiles.openReader(file)) {
            r.lendFrames(() -> Long.MAX_VALUE);
            while (r.next(frame)) {
                bytes += frame.capturedLength + frame.data[frame.offset];
            }
        }
        return bytes;
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long readAndDecode() throws IOException {
        long sum = 0;
        try (CaptureReader r = CaptureFiles.openReader(file)) {
            while (r.next(frame)) {
                sum += decoder.decode(frame.data, frame.offset, frame.capturedLength, frame.linkType, key).ordinal();
                sum += key.destinationPort;
            }
        }
        return sum;
    }

    /** Baseline: libpcap through pcap4j, a new byte array per frame. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long pcap4jRead() throws Exception {
        long bytes = 0;
        PcapHandle handle = Pcaps.openOffline(file.toString(), PcapHandle.TimestampPrecision.NANO);
        try {
            byte[] data;
            while ((data = handle.getNextRawPacket()) != null) {
                bytes += data.length;
            }
        } finally {
            handle.close();
        }
        return bytes;
    }
}
