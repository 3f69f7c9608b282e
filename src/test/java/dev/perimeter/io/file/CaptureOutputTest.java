package dev.perimeter.io.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureOutputTest {
    @TempDir
    Path dir;

    /**
     * Puts and input ranges (adjacent runs, jumps back, ranges larger than a window) interleaved at random: the
     * mapped file, written through windows far smaller than the data, holds exactly the bytes in order.
     */
    @Test
    void mappedOutputWritesExactlyWhatWasPutAndCopiedAcrossManyWindows() throws IOException {
        Random random = new Random(7);
        byte[] source = new byte[300_000];
        random.nextBytes(source);
        Path input = dir.resolve("input.bin");
        Files.write(input, source);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Path output = dir.resolve("mapped.bin");
        try (MappedInput in = new MappedInput(input, 64 * 1024);
             MappedOutput out = new MappedOutput(output, ByteOrder.LITTLE_ENDIAN, 8192)) {
            long position = 0;
            for (int step = 0; step < 3000; step++) {
                if (random.nextInt(3) == 0) {
                    int value = random.nextInt();
                    int padding = random.nextInt(40);
                    ByteBuffer b = out.room(4 + padding);
                    b.putInt(value);
                    b.put(new byte[padding]);
                    expected.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
                    expected.write(new byte[padding]);
                } else {
                    int length = random.nextInt(10) == 0 ? 9000 + random.nextInt(9000) : random.nextInt(300);
                    if (random.nextInt(4) == 0 || position + length > source.length) {
                        position = random.nextInt(source.length - length);
                    }
                    out.copy(in, position, length);
                    expected.write(source, (int) position, length);
                    position += length;
                }
            }
        }
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(output));
    }

    @Test
    void closedOutputRefusesMoreAndAnEmptyOneLeavesAnEmptyFile() throws IOException {
        Path output = dir.resolve("empty.bin");
        MappedOutput out = new MappedOutput(output, ByteOrder.BIG_ENDIAN, 4096);
        out.close();
        out.close();
        assertEquals(0, Files.size(output));
        assertThrows(IOException.class, () -> out.room(1));
    }

    @Test
    void aPipeOrDeviceGetsThePlainWriter() throws IOException {
        try (CaptureOutput out = CaptureOutput.open(Path.of("/dev/null"), ByteOrder.BIG_ENDIAN)) {
            assertInstanceOf(BufferedOutput.class, out);
            out.room(4).putInt(1);
        }
        try (CaptureOutput out = CaptureOutput.open(dir.resolve("file.pcap"), ByteOrder.BIG_ENDIAN)) {
            String store = Files.getFileStore(dir).type();
            Class<?> expected = store.equals("tmpfs") ? BufferedOutput.class : MappedOutput.class;
            assertEquals(expected, out.getClass());
        }
    }
}
