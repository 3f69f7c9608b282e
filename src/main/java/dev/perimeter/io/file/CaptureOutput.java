package dev.perimeter.io.file;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Where a capture writer's bytes go. A writer asks for {@link #room} and puts a header or a frame into the
 * buffer it gets, or has a record of a mapped input file {@link #copy copied} as it stands; either way the bytes
 * land in the file in call order.
 */
interface CaptureOutput extends Closeable {
    /** Makes room for {@code bytes} more bytes and returns the buffer to put them into, at its position. */
    ByteBuffer room(int bytes) throws IOException;

    /** Appends {@code length} bytes of {@code input} at {@code position}. */
    void copy(MappedInput input, long position, int length) throws IOException;

    /**
     * Opens {@code path} for writing, truncating it. A regular file on a disk file system is written through a
     * shared mapping ({@link MappedOutput}): there the kernel fills whole large pages on a fault, which costs
     * about half of what {@code write} calls of the same bytes do. Pipes, devices and tmpfs (4 KiB pages, where
     * a fault per page costs more than a write) get {@link BufferedOutput}.
     */
    static CaptureOutput open(Path path, ByteOrder order) throws IOException {
        if (mappable(path)) {
            return new MappedOutput(path, order, MappedOutput.DEFAULT_WINDOW);
        }
        return new BufferedOutput(path, order, BufferedOutput.DEFAULT_BUFFER);
    }

    private static boolean mappable(Path path) {
        try {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? !Files.isRegularFile(path)
                    : Files.isSymbolicLink(path)) {
                return false;
            }
            Path parent = path.toAbsolutePath().getParent();
            FileStore store = Files.getFileStore(Files.exists(path) ? path : parent);
            return !store.type().equals("tmpfs") && !store.type().equals("ramfs");
        } catch (IOException | RuntimeException e) {
            return false; // the plain writer will report a real problem with the path
        }
    }
}
