package org.posetta.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.posetta.pose.PosettaException;

/**
 * Checks a safetensors file before the engine decodes it: an 8-byte little-endian header length,
 * a JSON header naming each tensor's dtype, shape and {@code [begin, end)} byte range, then the
 * data. The engine trusts the stated lengths and would allocate whatever a damaged or hostile file
 * claims; here every length must fit the bytes that are really there and every range must match
 * its shape, so such a file is a {@link PosettaException} instead.
 */
final class SafetensorsHeader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Integer> ITEM_SIZES = Map.of("F64", 8, "F32", 4, "F16", 2, "BF16", 2, "I64", 8,
            "I32", 4, "I16", 2, "I8", 1, "U8", 1, "BOOL", 1);

    private SafetensorsHeader() {
    }

    /**
     * Checks {@code file}, the whole content of a safetensors file.
     *
     * @param source the file named in errors
     */
    static void check(byte[] file, String source) {
        if (file.length < 8) {
            throw refused(source, "it is " + file.length + " bytes long, shorter than a header");
        }
        long headerLength = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > file.length - 8) {
            throw refused(source, "its header length " + Long.toUnsignedString(headerLength) + " does not fit its "
                    + file.length + " bytes");
        }
        JsonNode header;
        try {
            header = JSON.readTree(new String(file, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw refused(source, "its header is not JSON (" + e.getMessage() + ")");
        }
        if (header == null || !header.isObject()) {
            throw refused(source, "its header is not a JSON object");
        }
        long data = file.length - 8 - headerLength;
        for (Map.Entry<String, JsonNode> e : header.properties()) {
            if (!e.getKey().equals("__metadata__")) {
                checkTensor(e.getKey(), e.getValue(), data, source);
            }
        }
    }

    private static void checkTensor(String name, JsonNode t, long data, String source) {
        Integer itemSize = ITEM_SIZES.get(t.path("dtype").asText());
        JsonNode shape = t.path("shape");
        JsonNode offsets = t.path("data_offsets");
        if (itemSize == null || !shape.isArray() || !offsets.isArray() || offsets.size() != 2
                || !offsets.get(0).canConvertToLong() || !offsets.get(1).canConvertToLong()) {
            throw refused(source, "tensor '" + name + "' has no valid dtype, shape and data_offsets");
        }
        long bytes = itemSize;
        for (JsonNode d : shape) {
            if (!d.canConvertToLong() || d.asLong() < 0 || (d.asLong() > 0 && bytes > Integer.MAX_VALUE / d.asLong())) {
                throw refused(source, "tensor '" + name + "' has an impossible shape " + shape);
            }
            bytes *= d.asLong();
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin < 0 || end < begin || end > data || end - begin != bytes) {
            throw refused(source, "tensor '" + name + "' of shape " + shape + " claims bytes " + begin + " to " + end
                    + " of the " + data + " there are");
        }
    }

    private static PosettaException refused(String source, String why) {
        return new PosettaException(source + " is not a valid safetensors checkpoint (" + why
                + "): give a checkpoint written by posetta train.");
    }
}
