package io.mooring.render.kustomize.generate;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding, which rejects what Go's utf8.Valid rejects (overlong forms, surrogates). */
final class Utf8 {
    private Utf8() {
    }

    /** The text of {@code bytes[from, to)}, or null when they are not valid UTF-8. */
    static String decodeOrNull(byte[] bytes, int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
