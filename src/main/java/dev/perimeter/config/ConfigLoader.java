package dev.perimeter.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a configuration file and parses it. */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /** Parses the file; the diagnostics name it as given. Text that is not UTF-8 is read as Latin-1. */
    public static ParseResult load(Path file) throws IOException {
        return ConfigParser.parse(file.toString(), read(file));
    }

    static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
